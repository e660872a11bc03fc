/**
 * Entry point of `npm run eval`. `EVAL_CORPORA` and `EVAL_PROVIDERS` (comma-separated) limit
 * the run; `EVAL_KEEP=1` keeps the generated wikis.
 */
import { it } from "vitest";
import { corpusNames, namesFromEnv, providerNames, runEval } from "./run.js";

const buildTimeoutMs = 20 * 60_000;

it("scores every corpus with every provider", async () => {
  await runEval({
    corpora: namesFromEnv(process.env["EVAL_CORPORA"], corpusNames),
    providers: namesFromEnv(process.env["EVAL_PROVIDERS"], providerNames),
    timeoutMs: buildTimeoutMs,
    keep: process.env["EVAL_KEEP"] === "1",
    log: (line) => console.log(line),
  });
});
