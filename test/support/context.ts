/** A build context for tests that call one stage directly, with empty prompts and settings. */
import { AnswerCache } from "../../packages/compiler/src/cache.js";
import { emptyStats, type BuildContext } from "../../packages/compiler/src/context.js";
import type { Provider } from "../../packages/compiler/src/provider.js";
import type { EntityType } from "../../packages/compiler/src/schema/config.js";

export function stageContext(
  provider: Provider,
  cache: AnswerCache,
  entityTypes: EntityType[] = [],
): BuildContext {
  return {
    provider,
    cache,
    step: {
      signal: new AbortController().signal,
      entityTypes,
      language: "English",
      prompts: { analyze: "", write: "", confirm: "", overview: "" },
    },
    promptVersions: { analyze: "1", write: "1", confirm: "1", overview: "1" },
    stats: emptyStats(),
    problems: [],
    log: () => {},
    inFlight: new Map(),
  };
}
