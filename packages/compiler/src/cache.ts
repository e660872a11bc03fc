/**
 * The answer cache: every model answer (analysis, prose, confirmation, overview) stored under a
 * key of its input, the prompt version, the provider and the model with its digest and options,
 * and a record of each analysis that came back truncated. Each answer is written as soon as its
 * call returns, so a killed build loses no paid-for work.
 * The folder can be deleted at any time; the next build then calls the model again.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import type { ContradictionCandidate, ProviderIdentity } from "./provider.js";

export interface AnswerCacheOptions {
  /** Answers kept in memory between builds of one process, in front of the files. */
  memory?: Map<string, unknown>;
  /** Keep new answers in memory only and write no file (`wiki build --check`). */
  readOnly?: boolean;
}

export class AnswerCache {
  hits = 0;
  private readonly dir: string;
  /**
   * Cached answers in front of the files: those of earlier builds of the process, or those of a
   * build that writes no file. A plain build keeps none, so each is freed once its stage is done.
   */
  private readonly memory: Map<string, unknown> | undefined;
  private readonly readOnly: boolean;

  constructor(
    cacheDir: string,
    private readonly identity: ProviderIdentity,
    options: AnswerCacheOptions = {},
  ) {
    this.dir = path.join(cacheDir, "answers");
    this.readOnly = options.readOnly ?? false;
    this.memory = options.memory ?? (this.readOnly ? new Map() : undefined);
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

  /** Returns the key under which a truncated answer to the call of `key` is recorded. */
  truncationKey(key: string): string {
    return createHash("sha256").update(`${key}\0truncated`).digest("hex");
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.memory?.has(key)) {
      this.hits++;
      return this.memory.get(key) as T;
    }
    const text = await readEntry(this.file(key));
    if (text === undefined) return undefined;
    try {
      const value = JSON.parse(text) as T;
      this.memory?.set(key, value);
      this.hits++;
      return value;
    } catch {
      // A damaged entry costs one call again, whose result replaces it.
      return undefined;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    this.memory?.set(key, value);
    if (this.readOnly) return;
    await writeFileAtomic(this.file(key), JSON.stringify(value));
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }
}

/**
 * Reads one cache entry, or returns undefined when there is none. Any other failure (too many
 * open files, no permission) is thrown: taking it for a miss would repeat paid-for calls unseen.
 */
async function readEntry(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot read the answer cache entry ${file}: ${reason}; fix its permissions, or delete the ` +
        "cache folder to call the model again",
    );
  }
}

/** Path of the cache folder of an output folder: `wiki/` has `.wiki-cache/` beside it. */
export function cacheDirOf(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}-cache`);
}

/**
 * The input part of a confirm call's key: what the verdict rests on, the subject, the attribute
 * and each side's statement, value, conditions and excerpt, in either order. Source paths and
 * line numbers are left out, so a renamed source, or an edit above the claims, keeps the cached
 * verdict. The order of the sides does not change a verdict either.
 */
export function confirmKeyInput(candidate: ContradictionCandidate): string {
  const sides = candidate.sides
    .map(({ statement, value, conditions, excerpt }) =>
      JSON.stringify([statement, value, conditions, excerpt]),
    )
    .sort();
  const input = { subject: candidate.subject, attribute: candidate.attribute, sides };
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}
