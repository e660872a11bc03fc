/**
 * Runs a folder through scan → parse → chunk → offline analyze → contradictions. Each claim is
 * placed in its source the way resolve does it (file lines, source date, subject key), so tests
 * can check what the offline build finds in a real corpus.
 */
import { chunkSettings, chunkSource } from "../packages/compiler/src/chunk.js";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { StepContext } from "../packages/compiler/src/provider.js";
import {
  candidateOf,
  contradictionOf,
  findCandidates,
} from "../packages/compiler/src/resolve/contradictions.js";
import { subjectKey } from "../packages/compiler/src/resolve/keys.js";
import { scan } from "../packages/compiler/src/scan.js";
import { defaultEntityTypes } from "../packages/compiler/src/schema/config.js";
import type { Analysis } from "../packages/compiler/src/steps.js";
import type { Contradiction, SourcedClaim } from "../packages/compiler/src/types.js";
import { createOfflineProvider } from "../packages/providers/src/offline/index.js";

export const stepContext: StepContext = {
  signal: new AbortController().signal,
  entityTypes: defaultEntityTypes,
  language: "English",
  prompts: { analyze: "", write: "", confirm: "", overview: "" },
};

export interface CorpusRun {
  analyses: { source: string; lines: [number, number]; analysis: Analysis }[];
  claims: SourcedClaim[];
  contradictions: Contradiction[];
}

export async function runCorpus(folder: string): Promise<CorpusRun> {
  const provider = createOfflineProvider();
  const found = await scan(folder, {
    include: ["**/*.md", "**/*.mdx", "**/*.txt"],
    exclude: [],
    maxBytes: 5e6,
  });
  const run: CorpusRun = { analyses: [], claims: [], contradictions: [] };

  for (const source of found.sources) {
    const parsed = parseSource(source);
    for (const chunk of chunkSource(parsed, chunkSettings(provider.chunkTokens))) {
      const result = await provider.analyze(chunk, stepContext);
      if (!result.ok) throw new Error(`${source.path}:${chunk.lines[0]}: ${result.message}`);
      run.analyses.push({ source: source.path, lines: chunk.lines, analysis: result.value });
      const offset = chunk.lines[0] - 1;
      for (const claim of result.value.claims) {
        run.claims.push({
          ...claim,
          source: source.path,
          sourceDate: parsed.date,
          subjectKey: subjectKey(claim.subject),
          lines: [claim.lines[0] + offset, claim.lines[1] + offset],
        });
      }
    }
  }

  for (const group of findCandidates(run.claims)) {
    const verdicts = [];
    for (const pair of group.pairs) {
      const result = await provider.confirm(
        candidateOf(group, pair, () => ""),
        stepContext,
      );
      if (!result.ok) throw new Error(result.message);
      verdicts.push(result.value);
    }
    const record = contradictionOf(group, verdicts);
    if (record) run.contradictions.push(record);
  }
  return run;
}
