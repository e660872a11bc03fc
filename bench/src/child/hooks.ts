/**
 * Module resolve hook of a measured build process: every import of `@wiki/compiler` or of its
 * `core` entry, except those inside the shims themselves, loads the matching shim, so the CLI
 * runs unchanged with timed model calls.
 */
import type { ResolveHook } from "node:module";

const shims: Record<string, string> = {
  "@wiki/compiler": new URL("./compiler-shim.js", import.meta.url).href,
  "@wiki/compiler/core": new URL("./core-shim.js", import.meta.url).href,
};
const shimUrls = new Set(Object.values(shims));

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  const shim = shims[specifier];
  if (shim && !shimUrls.has(context.parentURL ?? "")) return { url: shim, shortCircuit: true };
  return nextResolve(specifier, context);
};
