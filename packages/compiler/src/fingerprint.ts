/**
 * The fingerprint of a build's inputs: the sources' paths and hashes, the settings, the prompt
 * versions, the provider and model, and the compiler's output format. When it equals the one
 * recorded by the last build and no output file was touched, the build has nothing to do.
 */
import { createHash } from "node:crypto";
import type { Provider } from "./provider.js";
import type { WikiConfig } from "./schema/config.js";
import type { Source } from "./types.js";

/** Changes whenever a change to the compiler changes what it writes for the same inputs. */
export const outputFormatVersion = "1";

export function inputFingerprint(
  sources: Source[],
  config: WikiConfig,
  promptVersions: Record<string, string>,
  provider: Provider,
): string {
  const hash = createHash("sha256");
  hash.update(
    JSON.stringify([
      outputFormatVersion,
      config,
      promptVersions,
      provider.identity,
      provider.chunkTokens,
    ]),
  );
  for (const source of sources) hash.update(`\0${source.path}\0${source.sha256}`);
  return hash.digest("hex");
}
