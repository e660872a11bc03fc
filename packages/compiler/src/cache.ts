/**
 * The answer cache: every model answer (analysis, prose, confirmation, overview) stored under a
 * key of its input, the prompt version, the provider and the model with its digest and options.
 * Each answer is written as soon as its call returns, so a killed build loses no paid-for work.
 * The folder can be deleted at any time; the next build then calls the model again.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ProviderIdentity } from "./provider.js";

export class AnswerCache {
  hits = 0;
  private readonly dir: string;

  constructor(
    cacheDir: string,
    private readonly identity: ProviderIdentity,
    /** Answers kept in memory between builds of one process, in front of the files. */
    private readonly memory: Map<string, unknown> = new Map(),
  ) {
    this.dir = path.join(cacheDir, "answers");
  }

  /** Builds the key of one call from its step, its inputs and the prompt version of the step. */
  key(step: string, promptVersion: string, ...inputs: string[]): string {
    const { provider, model, digest, options } = this.identity;
    const hash = createHash("sha256");
    for (const part of [step, promptVersion, provider, model, digest, options, ...inputs]) {
      hash.update(part).update("\0");
    }
    return hash.digest("hex");
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.memory.has(key)) {
      this.hits++;
      return this.memory.get(key) as T;
    }
    try {
      const value = JSON.parse(await readFile(this.file(key), "utf8")) as T;
      this.memory.set(key, value);
      this.hits++;
      return value;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    this.memory.set(key, value);
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(value));
    await rename(temporary, file);
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }
}

/** Path of the cache folder of an output folder: `wiki/` has `.wiki-cache/` beside it. */
export function cacheDirOf(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}-cache`);
}
