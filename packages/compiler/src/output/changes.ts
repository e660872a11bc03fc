/**
 * Changes since the last build, found from the manifest it left: sources edited, added, deleted
 * or renamed, the settings, the prompt of each step, the provider and model, and output files
 * touched since. The build logs it as one line and `log.md` records it.
 */
import type { BuildInputs } from "../fingerprint.js";
import type { StatCache } from "../stat-cache.js";
import { changedOutputFiles, readManifest, type Manifest } from "./manifest.js";

/** The output folder as the last build left it, compared with this build's inputs. */
export interface LastBuild {
  manifest: Manifest;
  changes: InputChanges;
  /** True when the inputs are those of the last build and every file it wrote is intact. */
  upToDate: boolean;
  /** True when the inputs are those of the last build, whatever happened to its files. */
  sameInputs: boolean;
  /** Files the last build wrote that are missing or changed since, sorted. */
  touched: string[];
  /** One line saying what changed, for the build's log. */
  summary: string;
}

/**
 * Compares this build's inputs with those of the last build and hashes the files it wrote,
 * reading only those whose stat differs from the one in `statCache`.
 */
export async function compareWithLastBuild(
  outDir: string,
  inputs: BuildInputs,
  statCache?: StatCache,
): Promise<LastBuild> {
  const manifest = await readManifest(outDir);
  const changes = findChanges(manifest, inputs);
  const touched = await changedOutputFiles(outDir, manifest, statCache);
  const sameInputs =
    manifest.inputs === inputs.fingerprint &&
    manifest.figures !== undefined &&
    Object.keys(manifest.files).length > 0;
  const upToDate = sameInputs && touched.length === 0;
  const parts = describeChanges(changes, inputs);
  if (touched.length && !changes.firstBuild) {
    parts.push(`output files: ${counted("edited or deleted", touched)}`);
  }
  let summary = `changed since the last build: ${parts.join("; ")}`;
  if (upToDate) summary = "inputs and output unchanged since the last build";
  else if (changes.firstBuild) summary = "no earlier build in the output folder";
  else if (!parts.length) summary = "inputs and output unchanged; rebuilding all the same";
  return { manifest, changes, upToDate, sameInputs, touched, summary };
}

export interface InputChanges {
  /** True when the output folder has no manifest of an earlier build. */
  firstBuild: boolean;
  edited: string[];
  added: string[];
  deleted: string[];
  /** Sources whose bytes moved to another path, as `[from, to]`. */
  renamed: [string, string][];
  settings: boolean;
  /** Steps whose prompt version changed, in step order. */
  prompts: string[];
  /** The provider line of the last build when it differs from this one's, else undefined. */
  provider: string | undefined;
  format: boolean;
}

export function findChanges(manifest: Manifest, inputs: BuildInputs): InputChanges {
  const before = manifest.sources ?? {};
  const after = inputs.sources;
  const edited = Object.keys(after).filter(
    (file) => file in before && before[file] !== after[file],
  );
  const added = Object.keys(after).filter((file) => !(file in before));
  const deleted = Object.keys(before).filter((file) => !(file in after));
  const renamed: [string, string][] = [];
  for (const to of [...added]) {
    const from = deleted.find((file) => before[file] === after[to]);
    if (from === undefined) continue;
    renamed.push([from, to]);
    added.splice(added.indexOf(to), 1);
    deleted.splice(deleted.indexOf(from), 1);
  }
  const parts = manifest.parts;
  const prompts = Object.keys(inputs.parts.prompts).filter(
    (step) => parts !== undefined && parts.prompts[step] !== inputs.parts.prompts[step],
  );
  return {
    firstBuild: manifest.inputs === undefined,
    edited: edited.sort(),
    added: added.sort(),
    deleted: deleted.sort(),
    renamed: renamed.sort(([a], [b]) => (a < b ? -1 : 1)),
    settings: parts !== undefined && parts.settings !== inputs.parts.settings,
    prompts,
    provider: parts && parts.provider !== inputs.parts.provider ? parts.provider : undefined,
    format: parts === undefined || parts.format !== inputs.parts.format,
  };
}

/** Names every kind of input change, such as `sources: 1 edited (api.md)` and `prompts: write`. */
export function describeChanges(changes: InputChanges, current: BuildInputs): string[] {
  const parts: string[] = [];
  const sources = [
    counted("edited", changes.edited),
    counted("added", changes.added),
    counted("deleted", changes.deleted),
    counted(
      "renamed",
      changes.renamed.map(([from, to]) => `${from} to ${to}`),
    ),
  ].filter((part) => part !== "");
  if (sources.length) parts.push(`sources: ${sources.join(", ")}`);
  if (changes.settings) parts.push("settings");
  if (changes.prompts.length) parts.push(`prompts: ${changes.prompts.join(", ")}`);
  if (changes.provider)
    parts.push(`provider or model: ${changes.provider} to ${current.parts.provider}`);
  if (changes.format) parts.push("the compiler's version or the page templates");
  return parts;
}

/** `2 edited (a.md, b.md)`, naming at most three, or empty when there are none. */
function counted(label: string, items: string[]): string {
  if (!items.length) return "";
  const named = items.slice(0, 3).join(", ");
  const more = items.length > 3 ? ` and ${items.length - 3} more` : "";
  return `${items.length} ${label} (${named}${more})`;
}
