/**
 * The server checks of `wiki doctor`, through the `ollama` client library: each host responds,
 * has the model, reports its context length and capabilities, and returns structured output.
 */
import type { Ollama, ShowResponse } from "ollama";
import type { ResolvedSettings, WikiConfig } from "@wiki/compiler";
import {
  clientFor,
  contextLengthOf,
  excerpt,
  flatten,
  reasonOf,
  sameModel,
} from "./doctor-client.js";
import { failed, passed, skipped, type Check } from "./doctor-report.js";

/** Context size a build uses when `contextTokens` is 0 and the server reports a larger one. */
const contextCap = 8192;

/** Prompt and JSON Schema of the one request of the structured-output check. */
const probeFormat = {
  type: "object",
  properties: { ok: { type: "boolean" } },
  required: ["ok"],
} as const;
const probePrompt = 'Answer with the JSON object {"ok": true} and nothing else.';

/** Runs the server checks for every host of the resolved settings. */
export async function checkServers(
  settings: ResolvedSettings,
  signal?: AbortSignal,
): Promise<Check[]> {
  const { config } = settings;
  if (config.provider === "offline") {
    return [skipped("servers", "provider offline calls no model server")];
  }
  if (config.provider === "openai") {
    return [
      skipped(
        "servers",
        "the server checks cover the native API of Ollama servers; provider openai is not checked",
      ),
    ];
  }
  const checks: Check[] = [];
  for (const host of config.hosts) {
    checks.push(...(await checkHost(host, config, hostFix(settings), signal)));
  }
  return checks;
}

/** Says where the address came from and how to change it. */
function hostFix(settings: ResolvedSettings): string {
  const change = {
    flag: "pass the right --host",
    env: "set OLLAMA_HOST to the right address",
    schema: "correct hosts in schema/wiki.yaml",
    default: "list the address under hosts in schema/wiki.yaml or set OLLAMA_HOST",
  }[settings.origins.hosts];
  const offline =
    settings.config.provider === "auto"
      ? "; or set provider: offline to build without a model"
      : "";
  return `start the server there ("ollama serve"), or ${change}${offline}`;
}

async function checkHost(
  url: string,
  config: WikiConfig,
  fix: string,
  signal?: AbortSignal,
): Promise<Check[]> {
  const quick = clientFor(url, config.connectTimeoutMs, signal);
  const hostName = `host ${url}`;
  let version: string;
  try {
    version = (await quick.version()).version;
  } catch (error) {
    const reason = reasonOf(error, config.connectTimeoutMs);
    return [failed(hostName, `not reachable: ${reason}`, fix), ...checksAfter(url, config)];
  }
  const checks = [passed(hostName, `reachable, server version ${version}`)];

  const model = await checkModel(quick, url, config);
  checks.push(model.check);
  if (model.show === undefined) return checks;
  checks.push(...checkShow(model.show, url, config));

  const slow = clientFor(url, config.timeoutMs, signal);
  checks.push(await checkStructuredOutput(slow, url, config, model.show));
  return checks;
}

/** Lists the checks that need a host, skipped because the host did not respond. */
function checksAfter(url: string, config: WikiConfig): Check[] {
  const names = [`model ${config.model}`, "context", "thinking", "structured output"];
  return names.map((name) => skipped(name, `not checked: ${url} did not respond`));
}

async function checkModel(client: Ollama, url: string, config: WikiConfig) {
  const name = `model ${config.model}`;
  try {
    const listed = await client.list();
    const names = listed.models.map((entry) => entry.name);
    if (!names.some((listedName) => sameModel(listedName, config.model))) {
      const fix = `pull it on that server: ollama pull ${config.model}; or set model to one listed`;
      const detail = `not pulled on ${url} (models there: ${names.join(", ") || "none"})`;
      return { check: failed(name, detail, fix), show: undefined };
    }
    const show = await client.show({ model: config.model });
    return { check: passed(name, `pulled on ${url}`), show };
  } catch (error) {
    const detail = `could not be read from ${url}: ${reasonOf(error, config.connectTimeoutMs)}`;
    return {
      check: failed(name, detail, "check the server log; the server may be overloaded"),
      show: undefined,
    };
  }
}

/** Checks the context length and the capabilities that `/api/show` reports. */
function checkShow(show: ShowResponse, url: string, config: WikiConfig): Check[] {
  const capabilities = Array.isArray(show.capabilities) ? show.capabilities : [];
  const checks = [checkContext(contextLengthOf(show), url, config)];
  if (capabilities.length > 0 && !capabilities.includes("completion")) {
    const detail = `${config.model} cannot generate text (${capabilities.join(", ")})`;
    checks.push(failed("capabilities", detail, "choose a chat model"));
  }
  const detail = capabilities.includes("thinking")
    ? `${config.model} can think; builds turn thinking off to keep answers short`
    : `${config.model} does not think`;
  checks.push(passed("thinking", detail));
  return checks;
}

/** Compares the model's trained context length with `contextTokens`. */
function checkContext(length: number | undefined, url: string, config: WikiConfig): Check {
  if (length === undefined) {
    const detail = `${url} reports no context length for ${config.model}`;
    return {
      status: "warn",
      name: "context",
      detail,
      fix: "set contextTokens in schema/wiki.yaml",
    };
  }
  if (config.contextTokens > length) {
    const detail = `contextTokens ${config.contextTokens} exceeds the ${length} tokens ${config.model} supports`;
    return failed(
      "context",
      detail,
      `set contextTokens to ${length} or less, or 0 to read it from the server`,
    );
  }
  const used = config.contextTokens > 0 ? config.contextTokens : Math.min(length, contextCap);
  return passed("context", `${config.model} supports ${length} tokens; builds use ${used}`);
}

async function checkStructuredOutput(
  client: Ollama,
  url: string,
  config: WikiConfig,
  show: ShowResponse,
): Promise<Check> {
  const name = "structured output";
  const fix = "update the server, or choose a model that follows a JSON schema";
  const thinks = Array.isArray(show.capabilities) && show.capabilities.includes("thinking");
  const started = Date.now();
  try {
    const response = await client.chat({
      model: config.model,
      messages: [{ role: "user", content: probePrompt }],
      format: probeFormat,
      stream: false,
      ...(thinks ? { think: false } : {}),
      options: { temperature: 0, num_predict: 64 },
    });
    const content = response.message.content;
    if (!isProbeAnswer(content)) {
      return failed(
        name,
        `${config.model} on ${url} answered ${excerpt(content)}, not a JSON object like {"ok": true}`,
        fix,
      );
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return passed(name, `${config.model} answered ${flatten(content)} in ${seconds} s`);
  } catch (error) {
    return failed(name, `the request to ${url} failed: ${reasonOf(error, config.timeoutMs)}`, fix);
  }
}

function isProbeAnswer(content: string): boolean {
  try {
    const value: unknown = JSON.parse(content);
    return (
      typeof value === "object" &&
      value !== null &&
      typeof (value as { ok?: unknown }).ok === "boolean"
    );
  } catch {
    return false;
  }
}
