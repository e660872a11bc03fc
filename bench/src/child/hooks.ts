/**
 * Module resolve hook of a measured build process: every import of `@wiki/compiler`, except the
 * one inside the shim itself, loads the shim, so the CLI runs unchanged with timed model calls.
 */
import type { ResolveHook } from "node:module";

const shimUrl = new URL("./compiler-shim.js", import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (specifier === "@wiki/compiler" && context.parentURL !== shimUrl) {
    return { url: shimUrl, shortCircuit: true };
  }
  return nextResolve(specifier, context);
};
