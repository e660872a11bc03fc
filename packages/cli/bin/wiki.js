#!/usr/bin/env node
// Entry point of the `wiki` command. The TypeScript sources are compiled to ../dist by `npm ci`.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
