/**
 * Stands in for `@wiki/compiler/core` inside a measured build process, as `compiler-shim.ts`
 * does for the package's main entry: the same exports, with a `build` that times model calls.
 */
import { build as compilerBuild, type BuildOptions, type BuildSummary } from "@wiki/compiler/core";
import { clock } from "./clock.js";
import { timedProvider } from "./timed-provider.js";

export * from "@wiki/compiler/core";

export function build(options: BuildOptions): Promise<BuildSummary> {
  return compilerBuild({ ...options, provider: timedProvider(options.provider, clock) });
}
