/** Model server addresses: the forms users write, turned into one canonical URL. */

/** Port of a server address written without a scheme or port, as `localhost` or `10.0.0.2`. */
export const defaultServerPort = 11434;

/** Address used when neither the flags, the environment nor the schema name a server. */
export const defaultHost = `http://127.0.0.1:${defaultServerPort}`;

export type HostResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Normalizes a server address to `scheme://host:port[/path]` without a trailing slash. Accepts
 * `host`, `host:port`, `:port` (on 127.0.0.1) and full http(s) URLs. Without a scheme the port
 * defaults to 11434; with a scheme, to the scheme's port (80 or 443).
 */
export function normalizeHost(text: string): HostResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "the address is empty" };

  const explicitScheme = trimmed.includes("://");
  const withScheme = trimmed.startsWith(":")
    ? `http://127.0.0.1${trimmed}`
    : explicitScheme
      ? trimmed
      : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: "it is not a valid address" };
  }
  const authority = explicitScheme ? "" : (trimmed.split("/")[0] ?? "");
  const wrotePort = explicitScheme || /:\d+$/.test(authority);
  return canonicalHost(url, wrotePort);
}

/** `wrotePort` is true when an empty `url.port` means the scheme's port, not a missing one. */
function canonicalHost(url: URL, wrotePort: boolean): HostResult {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      reason: `the scheme must be http or https, not ${url.protocol.slice(0, -1)}`,
    };
  }
  if (url.username !== "" || url.password !== "") {
    return { ok: false, reason: "an address must not contain a user name or password" };
  }
  if (url.search !== "" || url.hash !== "") {
    return { ok: false, reason: "an address must not contain a query or fragment" };
  }
  const schemePort = url.protocol === "https:" ? "443" : "80";
  const port = url.port !== "" ? url.port : wrotePort ? schemePort : String(defaultServerPort);
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, url: `${url.protocol}//${url.hostname}:${port}${path}` };
}
