import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // The entries of subpaths come first, because an alias also matches longer specifiers.
    alias: {
      "@wiki/compiler/core": source("./packages/compiler/src/core.ts"),
      "@wiki/providers/offline": source("./packages/providers/src/offline/index.ts"),
      "@wiki/compiler": source("./packages/compiler/src/index.ts"),
      "@wiki/providers": source("./packages/providers/src/index.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts", "packages/*/src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
