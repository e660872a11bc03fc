/**
 * The server addresses of a build: the schema's hosts when it lists any, else the address in
 * `OLLAMA_HOST` (which the `ollama` client library does not read itself), else the default.
 */
import { defaultHost, normalizeHost } from "@wiki/compiler";
import { ProviderError } from "../pool/call-error.js";

/** Environment variable that names the server address, as `host`, `host:port` or a URL. */
export const hostVariable = "OLLAMA_HOST";

/** Origin of the hosts that `resolveHosts` returns. */
export type HostOrigin = "schema" | typeof hostVariable | "default";

/** Normalizes one address to `http://host:port`; throws a `ProviderError` naming the fix. */
export function normalizeAddress(text: string, origin: string): string {
  const result = normalizeHost(text);
  if (result.ok) return result.url;
  throw new ProviderError(
    "host-invalid",
    `${JSON.stringify(text)} from ${origin} is not a server address: ${result.reason}; ` +
      "write it as host, host:port or http://host:port",
  );
}

/** Picks and normalizes the hosts of a build; `origin` names where they came from. */
export function resolveHosts(
  configHosts: string[],
  env: NodeJS.ProcessEnv,
): { hosts: string[]; origin: HostOrigin } {
  if (configHosts.length > 0) {
    return {
      hosts: configHosts.map((host) => normalizeAddress(host, "the schema's hosts")),
      origin: "schema",
    };
  }
  const fromEnv = env[hostVariable]?.trim();
  if (fromEnv) return { hosts: [normalizeAddress(fromEnv, hostVariable)], origin: hostVariable };
  return { hosts: [defaultHost], origin: "default" };
}

/** Normalizes the hosts of a provider's settings; returns the default address when none are given. */
export function settingsHosts(hosts: readonly string[]): string[] {
  const list = hosts.length > 0 ? hosts : [defaultHost];
  return [...new Set(list.map((host) => normalizeAddress(host, "the provider settings")))];
}
