/** Configuration of `npm run eval`: only the eval entry, no time limit below the builds'. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/eval/*.eval.ts"],
    testTimeout: 4 * 60 * 60_000,
    pool: "forks",
  },
});
