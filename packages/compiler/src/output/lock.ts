/**
 * The build lock: one build per output folder at a time. The lock file holds the pid of the
 * build; a lock whose process no longer runs was left by a killed build and is taken over.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { FatalBuildError } from "../context.js";

export interface Lock {
  release(): Promise<void>;
}

export async function acquireLock(cacheDir: string): Promise<Lock> {
  const file = path.join(cacheDir, "lock");
  await mkdir(cacheDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    if (isRunning(holder)) {
      throw new FatalBuildError(
        `another build (pid ${holder}) is writing this output folder; wait for it to finish, or delete ${file} if no build is running`,
        "locked",
      );
    }
    await rm(file, { force: true });
  }
  throw new FatalBuildError(
    `could not take the lock ${file}; delete it if no build is running`,
    "locked",
  );
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
