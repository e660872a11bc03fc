/**
 * Plans the changes to the output folder: which files to write, which generated files to
 * delete, and which to keep because a person edited them or because the user, not a build,
 * created them. A file whose bytes would not change is not written at all. Only paths that stay
 * inside the output folder are planned: no `..`, no absolute path, no folder that is a symbolic
 * link, so neither a page name nor an edited manifest can reach a file outside it.
 */
import { CallOrder, filesInFlight, mapLimit } from "../limit.js";
import type { Problem } from "../types.js";
import { manifestName, sha256, type Manifest } from "./manifest.js";
import {
  folderCheck,
  keepReason,
  lookAt,
  keptProblem,
  notAFile,
  readCurrent,
  type Found,
  type NotAFile,
  unsafeReason,
} from "./plan-checks.js";
import { StagingFolder } from "./staging.js";

export interface OutputPlan {
  /** Files to write; the new content of `writes[i]` is staged as `stage/i`. */
  writes: string[];
  deletes: string[];
  unchanged: number;
  /** Files left as they are, each with the reason; reported as problems. */
  kept: Problem[];
  /** Files the build would write where a file of the user's is; never listed in the manifest. */
  foreign: string[];
  /** Hashes of generated files edited by hand that no longer belong to the output, kept listed. */
  carried: Record<string, string>;
  /** sha256 of every file the build produced, by path relative to the output folder. */
  produced: Map<string, string>;
}

/** Returns a plan that changes nothing. */
export function emptyPlan(): OutputPlan {
  return {
    writes: [],
    deletes: [],
    unchanged: 0,
    kept: [],
    foreign: [],
    carried: {},
    produced: new Map(),
  };
}

/**
 * Plans the output one file at a time, as the build produces it, and stages the new content of
 * each file to write at once, so a large build never keeps its whole output in memory. Without
 * a staging folder (`wiki build --check`) it plans and writes nothing.
 */
export class OutputPlanner {
  readonly plan = emptyPlan();
  private readonly reachable: (folder: string) => Promise<boolean>;
  private readonly stage: StagingFolder | undefined;
  private readonly calls = new CallOrder();
  /**
   * The state `add` found on disk for each planned write, by its index: the sha256 of the file,
   * null when there was none, or undefined for a file staged by `write` without a comparison.
   */
  private readonly found: (string | null | undefined)[] = [];

  constructor(
    private readonly outDir: string,
    private readonly manifest: Manifest,
    private readonly force: boolean,
    stageDir: string | undefined,
  ) {
    this.reachable = folderCheck(outDir);
    this.stage = stageDir === undefined ? undefined : new StagingFolder(stageDir);
    for (const file of manifest.ignored ?? []) {
      this.plan.kept.push(
        keptProblem(file, `is listed in ${manifestName} but leaves the output folder`),
      );
    }
  }

  /**
   * Plans a file the build produces: written, unchanged, or kept as the user left it. Calls may
   * overlap: each reads the output folder and stages its content at once, and the plan records
   * them in the order of the calls, whatever order the reads end in.
   */
  add(file: string, content: string): Promise<void> {
    this.plan.produced.set(file, sha256(content));
    const look = lookAt(this.outDir, file, this.reachable);
    return this.calls.run(look, (found) => this.decide(file, content, found));
  }

  /** Records a file the build produces as it is on disk, without planning it. */
  keep(file: string, content: string): void {
    this.plan.produced.set(file, sha256(content));
  }

  /** Stages a file to write without comparing it with the output folder. */
  write(file: string, content: string): Promise<void> {
    this.plan.produced.set(file, sha256(content));
    return this.calls.run(Promise.resolve(), () => this.listWrite(file, content));
  }

  /**
   * Checks the planned writes again, then plans the deletion of the generated files that the
   * build no longer produces.
   */
  async finish(): Promise<OutputPlan> {
    await this.calls.settled();
    await this.stage?.settled();
    await this.recheckWrites();
    for (const file of Object.keys(this.manifest.files).sort()) {
      if (!this.plan.produced.has(file)) await this.planDelete(file);
    }
    return this.plan;
  }

  /** Records the plan of one file, and returns the staging of its content if it is written. */
  private decide(file: string, content: string, found: Found): Promise<void> | undefined {
    const { unsafe, current } = found;
    if (unsafe) return void this.plan.kept.push(keptProblem(file, unsafe));
    if (current === content) return void this.plan.unchanged++;
    const reason =
      current === undefined ? undefined : keepReason(current, this.manifest, file, this.force);
    if (reason) return void this.keepFile(file, reason);
    const staging = this.listWrite(file, content);
    this.found[this.plan.writes.length - 1] = typeof current === "string" ? sha256(current) : null;
    return staging;
  }

  /** Lists a file to write and starts staging its content. */
  private listWrite(file: string, content: string): Promise<void> | undefined {
    const index = this.plan.writes.push(file) - 1;
    return this.stage?.put(index, content);
  }

  /**
   * Drops the planned writes of files that changed on disk since `add` compared them, because a
   * person edited or created them while the build ran, and keeps those files as they are now.
   * NOTE: a file changed after this check and before the commit renames over it is still replaced.
   */
  private async recheckWrites(): Promise<void> {
    const { writes } = this.plan;
    const currents = await this.readWrites();
    // Backwards, so the write that `dropWrite` moves into a place was checked already.
    for (let index = writes.length - 1; index >= 0; index--) {
      const file = writes[index]!;
      const current = currents[index];
      if (current === undefined) continue;
      if (current !== notAFile && sha256(current) === this.found[index]) continue;
      const reason = keepReason(current, this.manifest, file, this.force);
      if (!reason) continue;
      await this.dropWrite(index);
      this.keepFile(file, reason);
    }
  }

  /** Reads the files of the planned writes that `add` compared, several at once. */
  private readWrites(): Promise<(string | NotAFile | undefined)[]> {
    return mapLimit(this.plan.writes, filesInFlight, async (file, index) =>
      this.found[index] === undefined ? undefined : readCurrent(this.outDir, file),
    );
  }

  /** Removes a planned write, moving the last one into its place so `writes[i]` stays `stage/i`. */
  private async dropWrite(index: number): Promise<void> {
    const { writes } = this.plan;
    const last = writes.length - 1;
    await this.stage?.move(last, index);
    writes[index] = writes[last]!;
    this.found[index] = this.found[last];
    writes.pop();
    this.found.pop();
  }

  private keepFile(file: string, reason: string): void {
    this.plan.kept.push(keptProblem(file, reason));
    if (this.manifest.files[file] === undefined) this.plan.foreign.push(file);
  }

  /** Plans a generated file the build no longer produces: deleted, or kept when edited by hand. */
  private async planDelete(file: string): Promise<void> {
    if (await unsafeReason(file, this.reachable)) return;
    const current = await readCurrent(this.outDir, file);
    if (current === undefined) return;
    const reason = keepReason(current, this.manifest, file, this.force);
    if (!reason) return void this.plan.deletes.push(file);
    this.plan.kept.push(keptProblem(file, reason));
    const hash = this.manifest.files[file];
    if (hash) this.plan.carried[file] = hash;
  }
}
