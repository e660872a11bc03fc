import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
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
