/**
 * The final settings of a run. Precedence, highest first: command-line flags, environment
 * variables, `schema/wiki.yaml`, defaults. The server variable names the one server only when
 * neither the flags nor the schema list hosts. It never replaces a schema host list, because such
 * a list is a deliberate choice, often of several servers.
 */
import type { ProviderName, WikiConfig } from "./config.js";
import { fieldAt, type IntegerField, type StringField } from "./fields.js";
import { defaultHost, normalizeHost } from "./hosts.js";
import { listAllowed, type SchemaProblem } from "./problems.js";
import { closestName } from "./suggest.js";

/** Settings given on the command line; strings are checked here like schema values. */
export interface SettingFlags {
  provider?: string;
  model?: string;
  hosts?: string[];
  concurrency?: number;
  contextTokens?: number;
  timeoutMs?: number;
}

export type SettingOrigin = "flag" | "env" | "schema" | "default";

export interface ResolvedSettings {
  config: WikiConfig;
  /** Origin of the provider, the model and the hosts. */
  origins: { provider: SettingOrigin; model: SettingOrigin; hosts: SettingOrigin };
  /** Lines for the build output, such as which hosts are used and why. */
  notes: string[];
  /** Invalid flags or environment variables; the run stops with exit code 2 when not empty. */
  problems: SchemaProblem[];
}

/** Environment variables read by `resolveSettings`. */
export const settingVariables = {
  provider: "WIKI_PROVIDER",
  model: "WIKI_MODEL",
  host: "OLLAMA_HOST",
} as const;

export interface SettingsInput {
  flags: SettingFlags;
  env: Record<string, string | undefined>;
  /** The loaded schema: its config and which top-level keys `wiki.yaml` set. */
  schema: { config: WikiConfig; setKeys: readonly (keyof WikiConfig)[] };
}

/** Combines flags, environment, schema and defaults into the config of one run. */
export function resolveSettings({ flags, env, schema }: SettingsInput): ResolvedSettings {
  const problems: SchemaProblem[] = [];
  const config = structuredClone(schema.config);
  const fromSchema = (key: keyof WikiConfig): SettingOrigin =>
    schema.setKeys.includes(key) ? "schema" : "default";

  const envProvider = nonEmpty(env[settingVariables.provider]);
  const provider = overrideOf(
    checkProvider(flags.provider, "--provider", problems),
    checkProvider(envProvider, settingVariables.provider, problems),
  );
  if (provider !== undefined) config.provider = provider.value;

  const model = overrideOf(nonEmpty(flags.model), nonEmpty(env[settingVariables.model]));
  if (model !== undefined) config.model = model.value;

  for (const key of ["concurrency", "contextTokens", "timeoutMs"] as const) {
    const value = checkInteger(key, flags[key], problems);
    if (value !== undefined) config[key] = value;
  }

  const hosts = resolveHosts(flags, env, schema.config.hosts, problems);
  config.hosts = hosts.hosts;
  const origins = {
    provider: provider?.origin ?? fromSchema("provider"),
    model: model?.origin ?? fromSchema("model"),
    hosts: hosts.origin,
  };
  const notes = config.provider === "offline" ? [] : [hosts.note];
  return { config, origins, notes, problems };
}

/** Returns the flag value, else the environment value, with where it came from. */
function overrideOf<T>(
  flag: T | undefined,
  env: T | undefined,
): { value: T; origin: "flag" | "env" } | undefined {
  if (flag !== undefined) return { value: flag, origin: "flag" };
  if (env !== undefined) return { value: env, origin: "env" };
  return undefined;
}

interface HostChoice {
  hosts: string[];
  origin: SettingOrigin;
  /** Line for the build output: the hosts used and the reason. */
  note: string;
}

/**
 * Picks the hosts: the flags, else the schema's list, else the server variable, else the default.
 * The variable is checked only when it is used.
 */
function resolveHosts(
  flags: SettingFlags,
  env: Record<string, string | undefined>,
  schemaHosts: string[],
  problems: SchemaProblem[],
): HostChoice {
  const variable = settingVariables.host;
  const envText = nonEmpty(env[variable]);
  const list = (hosts: string[]) => hosts.join(", ");

  const flagHosts = checkHosts(flags.hosts ?? [], "--host", problems);
  if (flagHosts.length > 0) {
    return { hosts: flagHosts, origin: "flag", note: `using ${list(flagHosts)} from --host` };
  }
  const listed = schemaHosts.flatMap((host) => {
    const normalized = normalizeHost(host);
    return normalized.ok ? [normalized.url] : [];
  });
  if (listed.length > 0) {
    const ignored =
      envText === undefined
        ? ""
        : `; ${variable}=${envText} is not used because the schema lists hosts`;
    return {
      hosts: listed,
      origin: "schema",
      note: `using ${list(listed)} from schema/wiki.yaml${ignored}`,
    };
  }
  const envHost = envText === undefined ? undefined : checkHosts([envText], variable, problems)[0];
  if (envHost !== undefined) {
    const note = `using ${envHost} from ${variable}, because the schema lists no hosts`;
    return { hosts: [envHost], origin: "env", note };
  }
  const note = `using ${defaultHost}, the default, because neither --host, the schema nor ${variable} names a server`;
  return { hosts: [defaultHost], origin: "default", note };
}

function checkHosts(values: string[], where: string, problems: SchemaProblem[]): string[] {
  return values.flatMap((value) => {
    const host = normalizeHost(value);
    if (host.ok) return [host.url];
    const message = `${where} must be an http:// or https:// address, not ${JSON.stringify(value)}: ${host.reason}`;
    problems.push({ code: "invalid-value", file: where, line: 0, column: 0, message });
    return [];
  });
}

function checkProvider(
  value: string | undefined,
  where: string,
  problems: SchemaProblem[],
): ProviderName | undefined {
  if (value === undefined) return undefined;
  const allowed = (fieldAt("provider") as StringField).enum ?? [];
  if (allowed.includes(value)) return value as ProviderName;
  const closest = closestName(value, allowed);
  const hint = closest === undefined ? "" : `; did you mean ${closest}?`;
  const message = `${where} must be ${listAllowed(allowed)}, not ${JSON.stringify(value)}${hint}`;
  problems.push({ code: "invalid-value", file: where, line: 0, column: 0, message });
  return undefined;
}

function checkInteger(
  key: "concurrency" | "contextTokens" | "timeoutMs",
  value: number | undefined,
  problems: SchemaProblem[],
): number | undefined {
  if (value === undefined) return undefined;
  const field = fieldAt(key) as IntegerField;
  if (Number.isInteger(value) && value >= field.minimum && value <= field.maximum) return value;
  const flag = `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  const message = `${flag} must be an integer from ${field.minimum} to ${field.maximum}, not ${value}`;
  problems.push({ code: "invalid-value", file: flag, line: 0, column: 0, message });
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
