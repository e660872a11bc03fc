/**
 * Communities of the whole ollama-docs corpus with the offline extractor: an edit of one source
 * changes a handful of community pages, and a fresh clone of the output folder without the
 * cache rebuilds the same bytes.
 */
import { describeEditAndClone } from "./incremental-clone.js";
import { offline } from "./incremental-support.js";

describeEditAndClone("offline", undefined, () => offline);
