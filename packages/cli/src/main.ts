/**
 * The `wiki` command: parses the command line and runs one of its commands. Returns the exit
 * code: 0 success, 1 some sources failed, 2 usage or configuration error, 3 `--check` found
 * differences, 4 `--check` needs model answers that are not cached, 5 another build holds the lock,
 * 130 cancelled with Ctrl-C.
 */
import { readFileSync } from "node:fs";
import type { CommandIO } from "./io.js";

export const usage = `Usage: wiki <command> [options]

Commands:
  build [ROOT]    compile ROOT/raw into ROOT/wiki once, redoing only what changed
  watch [ROOT]    build, then rebuild whenever a source or the schema changes
  init [DIR]      create a workspace: raw/, schema/ and a .gitignore
  doctor [ROOT]   check the schema, the sources and the model servers

Run "wiki <command> --help" for the options of a command, "wiki --version" for the version.`;

/** The version of the `wiki` command, from its package.json. */
function version(): string {
  const manifest = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(manifest) as { version: string }).version;
}

/** Each command's module is loaded when it runs, so a command loads only the libraries it uses. */
const commands: Record<string, (args: string[], io: CommandIO) => Promise<number>> = {
  build: async (args, io) => (await import("./commands/build.js")).runBuild(args, io),
  watch: async (args, io) => (await import("./commands/watch.js")).runWatch(args, io),
  init: async (args, io) => (await import("./commands/init.js")).runInit(args, io),
  doctor: async (args, io) => (await import("./commands/doctor.js")).runDoctor(args, io),
};

export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${usage}\n`);
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const { closestName } = await import("@wiki/compiler/core");
    const closest = closestName(name, Object.keys(commands));
    const hint = closest === undefined ? "" : `; did you mean ${closest}?`;
    io.stderr(`wiki: unknown command "${name}"${hint}\n\n${usage}\n`);
    return 2;
  }
  return command(args, io);
}

function processIO(): CommandIO {
  const controller = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write("\nwiki: stopping; press Ctrl-C again to quit at once\n");
    controller.abort(new Error("interrupted by Ctrl-C"));
  });
  process.on("SIGTERM", () => controller.abort(new Error("terminated")));
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
