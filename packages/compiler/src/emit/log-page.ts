/**
 * `log.md`: one entry per build that changed something, newest first, listing what changed in
 * the inputs and which pages were written or deleted. It is the only page that depends on the
 * date: `SOURCE_DATE_EPOCH` when set, else today (UTC).
 */
import type { InputChanges } from "../output/changes.js";

const title = "# Build log";
const maxListed = 50;

export interface LogEntry {
  date: string;
  written: string[];
  deleted: string[];
  changes: InputChanges;
}

export function buildDate(env: NodeJS.ProcessEnv): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const date =
    env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}

/** Returns the new text of `log.md`: the entry on top of the entries already there. */
export function appendLog(previous: string | undefined, entry: LogEntry): string {
  const earlier = previous?.split(`${title}\n`)[1]?.trim() ?? "";
  const { changes } = entry;
  const lines = [
    `## ${entry.date}`,
    "",
    list("Sources edited", changes.edited),
    list("Sources added", changes.added),
    list("Sources deleted", changes.deleted),
    list(
      "Sources renamed",
      changes.renamed.map(([from, to]) => `${from} to ${to}`),
    ),
    changes.settings ? "- Settings changed" : undefined,
    list("Prompts changed", changes.prompts),
    changes.provider ? "- Provider or model changed" : undefined,
    list("Pages written", entry.written),
    list("Pages deleted", entry.deleted),
  ].filter((line) => line !== undefined);
  const frontmatter = "---\ntitle: Build log\ntype: log\n---\n\n";
  return `${frontmatter}${title}\n\n${lines.join("\n")}\n${earlier ? `\n${earlier}\n` : ""}`;
}

function list(label: string, items: string[]): string | undefined {
  if (!items.length) return undefined;
  const shown = items.slice(0, maxListed).map(codeSpan);
  const more = items.length > maxListed ? ` and ${items.length - maxListed} more` : "";
  return `- ${label} (${items.length}): ${shown.join(", ")}${more}`;
}

/**
 * Writes a path as a code span, shown as it is. A code span needs no escapes, so only backticks,
 * control characters and the link markers of the link stage are dropped.
 */
function codeSpan(text: string): string {
  return `\`${text.replace(/[`\p{Cc}\uE000-\uE002]/gu, "")}\``;
}
