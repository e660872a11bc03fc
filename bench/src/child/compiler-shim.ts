/**
 * Stands in for `@wiki/compiler` inside a measured build process: it exports everything the
 * compiler exports, and a `build` that times the provider's calls on the process clock.
 */
import { build as compilerBuild, type BuildOptions, type BuildSummary } from "@wiki/compiler";
import { clock } from "./clock.js";
import { timedProvider } from "./timed-provider.js";

export * from "@wiki/compiler";

export function build(options: BuildOptions): Promise<BuildSummary> {
  return compilerBuild({ ...options, provider: timedProvider(options.provider, clock) });
}
