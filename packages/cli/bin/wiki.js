#!/usr/bin/env node
// Entry point of the `wiki` command. The TypeScript sources are compiled to ../dist by `npm ci`.
import { limitHeapGrowth } from "../dist/heap.js";
import { main } from "../dist/main.js";

limitHeapGrowth();
process.exitCode = await main(process.argv.slice(2));
