/**
 * The state of one `wiki watch` run between its builds: the memo shared by every build, the
 * fingerprint of the inputs last built, and the problems last reported. `cycle` reads the inputs
 * and builds them unless that exact state was built already.
 */
import path from "node:path";
import { createMemo, type BuildMemo } from "@wiki/compiler";
import type { CommandIO } from "../io.js";
import type { BuildFlags } from "../options.js";
import { diffSnapshots } from "./changes.js";
import type { IgnorePredicate } from "./ignore.js";
import { runRebuild } from "./rebuild.js";
import { snapshotOfBuild, takeSnapshot, type InputSnapshot } from "./snapshot.js";
import { reportBuild, type ReportSettings } from "./status.js";

/** Model answers kept in memory beyond this count are dropped; the cache on disk keeps them. */
const maxMemoAnswers = 50_000;

export class WatchSession {
  private readonly memo: BuildMemo = createMemo();
  /** Fingerprint of the inputs of the last build that finished or failed on its inputs. */
  private builtFingerprint: string | undefined;
  /** The inputs of the last build attempted, to name what changed since. */
  private previous: InputSnapshot | undefined;
  private readonly problems = new Set<string>();
  private readonly report: ReportSettings;

  constructor(
    private readonly flags: BuildFlags,
    private readonly io: CommandIO,
    private readonly ignore: IgnorePredicate,
    private readonly signal: AbortSignal,
  ) {
    const schemaLabel = path.basename(path.resolve(flags.schemaDir));
    this.report = { rawDir: flags.rawDir, outDir: flags.outDir, schemaLabel, json: flags.json };
  }

  /** Reads the inputs and builds them when they differ from the inputs last built. */
  async cycle(): Promise<void> {
    const started = performance.now();
    const snapshot = await this.readInputs();
    if (!snapshot || snapshot.fingerprint === this.builtFingerprint) return;
    const trigger = this.previous === undefined ? "start" : "change";

    // Rebuilds print one status line, so only the first build logs its stages.
    const verbose = trigger === "start" && !this.flags.quiet;
    const log = verbose ? (line: string) => this.io.stderr(`${line}\n`) : () => {};
    const { flags, memo, signal } = this;
    const outcome = await runRebuild({ flags, env: this.io.env, memo, log, signal });
    const built = outcome.ok ? snapshotOfBuild(snapshot, outcome.summary.sourceHashes) : snapshot;
    const changes = diffSnapshots(this.previous, built);
    this.previous = built;
    if (outcome.ok || outcome.inputError) this.builtFingerprint = built.fingerprint;
    const elapsedMs = performance.now() - started;
    reportBuild({ trigger, changes, outcome, elapsedMs }, this.problems, this.report, this.io);
    pruneMemo(this.memo, built);
  }

  private async readInputs(): Promise<InputSnapshot | undefined> {
    try {
      return await takeSnapshot(this.flags, this.ignore);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.io.stderr(`wiki watch: cannot read the inputs: ${message}; watching goes on\n`);
      return undefined;
    }
  }
}

/** Drops prepared sources whose bytes are gone, so a long session keeps one per source. */
function pruneMemo(memo: BuildMemo, snapshot: InputSnapshot): void {
  for (const [key, { parsed }] of memo.prepared) {
    const current = snapshot.sources.get(parsed.source.path) === parsed.source.sha256;
    if (!current) memo.prepared.delete(key);
  }
  if (memo.answers.size > maxMemoAnswers) memo.answers.clear();
}
