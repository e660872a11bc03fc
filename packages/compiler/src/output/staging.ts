/**
 * The staging folder of a build, in the cache folder: the new content of the i-th planned write
 * goes to `stage/i` as soon as it is planned, and the commit moves the staged files into the
 * output folder. Stagings run at once; `settled` waits for all of them.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export class StagingFolder {
  /** The emptying of the folder, started by the first file staged. */
  private reset: Promise<void> | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly dir: string) {}

  /** Stages the content of write `index`, once the folder is emptied of an earlier build's. */
  put(index: number, content: string): Promise<void> {
    this.reset ??= resetStage(this.dir);
    const staging = this.reset.then(() => writeFile(this.file(index), content));
    this.pending.add(staging);
    const done = () => void this.pending.delete(staging);
    staging.then(done, done);
    return staging;
  }

  /** Waits for every staging started, and throws the first failure. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  /** Moves the content staged for write `from` to write `to`, or drops it when they are one. */
  async move(from: number, to: number): Promise<void> {
    if (from === to) await rm(this.file(from), { force: true });
    else await rename(this.file(from), this.file(to));
  }

  private file(index: number): string {
    return path.join(this.dir, String(index));
  }
}

/** Empties the staging folder, which a build killed before its commit may have left full. */
export async function resetStage(stageDir: string): Promise<void> {
  await rm(stageDir, { recursive: true, force: true });
  await mkdir(stageDir, { recursive: true });
}
