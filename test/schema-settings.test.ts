import { describe, expect, it } from "vitest";
import {
  defaultConfig,
  defaultHost,
  normalizeHost,
  resolveSettings,
  type SettingFlags,
  type WikiConfig,
} from "@wiki/compiler";

/** Returns a loaded schema whose wiki.yaml sets `settings`. */
function schemaWith(settings: Partial<WikiConfig>) {
  return {
    config: { ...structuredClone(defaultConfig), ...settings },
    setKeys: Object.keys(settings) as (keyof WikiConfig)[],
  };
}

const resolve = (flags: SettingFlags, env: Record<string, string>, settings: Partial<WikiConfig>) =>
  resolveSettings({ flags, env, schema: schemaWith(settings) });

describe("settings precedence", () => {
  it("uses the defaults when nothing is set", () => {
    const result = resolve({}, {}, {});
    expect(result.problems).toEqual([]);
    expect(result.config.provider).toBe(defaultConfig.provider);
    expect(result.config.model).toBe(defaultConfig.model);
    expect(result.config.hosts).toEqual([defaultHost]);
    expect(result.origins).toEqual({ provider: "default", model: "default", hosts: "default" });
  });

  it("prefers the schema over the defaults", () => {
    const result = resolve({}, {}, { provider: "offline", model: "qwen3:8b" });
    expect(result.config.provider).toBe("offline");
    expect(result.config.model).toBe("qwen3:8b");
    expect(result.origins.provider).toBe("schema");
    expect(result.origins.model).toBe("schema");
  });

  it("prefers the environment over the schema", () => {
    const env = { WIKI_PROVIDER: "ollama", WIKI_MODEL: "gemma3:4b" };
    const result = resolve({}, env, { provider: "offline", model: "qwen3:8b" });
    expect(result.config.provider).toBe("ollama");
    expect(result.config.model).toBe("gemma3:4b");
    expect(result.origins).toMatchObject({ provider: "env", model: "env" });
  });

  it("prefers flags over the environment", () => {
    const env = { WIKI_PROVIDER: "ollama", WIKI_MODEL: "gemma3:4b" };
    const result = resolve({ provider: "openai", model: "phi4" }, env, { model: "qwen3:8b" });
    expect(result.config.provider).toBe("openai");
    expect(result.config.model).toBe("phi4");
    expect(result.origins).toMatchObject({ provider: "flag", model: "flag" });
  });

  it("ignores empty environment variables", () => {
    const result = resolve({}, { WIKI_MODEL: "  ", WIKI_PROVIDER: "" }, { model: "qwen3:8b" });
    expect(result.config.model).toBe("qwen3:8b");
    expect(result.origins.model).toBe("schema");
    expect(result.origins.provider).toBe("default");
  });

  it("applies numeric flags over the schema", () => {
    const result = resolve({ concurrency: 8, timeoutMs: 5_000 }, {}, { concurrency: 3 });
    expect(result.config.concurrency).toBe(8);
    expect(result.config.timeoutMs).toBe(5_000);
  });

  it("keeps the schema settings that nothing overrides", () => {
    const result = resolve({ model: "m" }, {}, { linkStyle: "wikilink", language: "Deutsch" });
    expect(result.config.linkStyle).toBe("wikilink");
    expect(result.config.language).toBe("Deutsch");
  });
});

describe("host precedence", () => {
  it("uses the server variable when the schema lists no hosts", () => {
    const result = resolve({}, { OLLAMA_HOST: "10.0.0.5" }, {});
    expect(result.config.hosts).toEqual(["http://10.0.0.5:11434"]);
    expect(result.origins.hosts).toBe("env");
    expect(result.notes.join("\n")).toContain("OLLAMA_HOST");
  });

  it("keeps the schema hosts over the server variable and says so", () => {
    const hosts = ["http://a.test:11434", "http://b.test:11434"];
    const result = resolve({}, { OLLAMA_HOST: "10.0.0.5" }, { hosts });
    expect(result.config.hosts).toEqual(hosts);
    expect(result.origins.hosts).toBe("schema");
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toContain("http://a.test:11434, http://b.test:11434");
    expect(result.notes[0]).toContain("OLLAMA_HOST=10.0.0.5 is not used");
  });

  it("prefers host flags over the schema and the variable", () => {
    const result = resolve(
      { hosts: ["127.0.0.1:9"] },
      { OLLAMA_HOST: "10.0.0.5" },
      { hosts: ["http://a.test:1"] },
    );
    expect(result.config.hosts).toEqual(["http://127.0.0.1:9"]);
    expect(result.origins.hosts).toBe("flag");
  });

  it("normalizes the schema hosts", () => {
    const result = resolve({}, {}, { hosts: ["localhost", "https://models.test/api/"] });
    expect(result.config.hosts).toEqual(["http://localhost:11434", "https://models.test:443/api"]);
  });

  it("says which default host it uses", () => {
    const result = resolve({}, {}, {});
    expect(result.notes.join("\n")).toContain(defaultHost);
  });

  it("prints no host note for the offline provider", () => {
    expect(resolve({}, { OLLAMA_HOST: "10.0.0.5" }, { provider: "offline" }).notes).toEqual([]);
  });
});

describe("invalid flags and variables", () => {
  it("reports an unknown provider in the environment", () => {
    const result = resolve({}, { WIKI_PROVIDER: "llama" }, {});
    expect(result.problems).toMatchObject([
      { code: "invalid-value", file: "WIKI_PROVIDER", line: 0 },
    ]);
    expect(result.config.provider).toBe(defaultConfig.provider);
  });

  it("reports an unknown provider flag", () => {
    expect(resolve({ provider: "x" }, {}, {}).problems).toMatchObject([
      { code: "invalid-value", file: "--provider" },
    ]);
  });

  it("reports an invalid host flag", () => {
    expect(resolve({ hosts: ["ftp://x"] }, {}, {}).problems).toMatchObject([
      { code: "invalid-value", file: "--host" },
    ]);
  });

  it("reports an invalid server variable", () => {
    const result = resolve({}, { OLLAMA_HOST: "http://[::" }, {});
    expect(result.problems).toMatchObject([{ code: "invalid-value", file: "OLLAMA_HOST" }]);
  });

  it("ignores an invalid server variable the schema overrides", () => {
    const result = resolve({}, { OLLAMA_HOST: "http://[::" }, { hosts: ["http://a.test:1"] });
    expect(result.problems).toEqual([]);
    expect(result.config.hosts).toEqual(["http://a.test:1"]);
  });

  it("reports a concurrency flag out of range", () => {
    expect(resolve({ concurrency: 0 }, {}, {}).problems).toMatchObject([
      { code: "invalid-value", file: "--concurrency" },
    ]);
  });
});

describe("normalizeHost", () => {
  const cases: [string, string][] = [
    ["localhost", "http://localhost:11434"],
    ["10.0.0.5:8080", "http://10.0.0.5:8080"],
    [":11500", "http://127.0.0.1:11500"],
    ["0.0.0.0", "http://0.0.0.0:11434"],
    ["host:80", "http://host:80"],
    ["http://host", "http://host:80"],
    ["https://host", "https://host:443"],
    ["https://host:8443/", "https://host:8443"],
    ["http://host:11434/prefix/", "http://host:11434/prefix"],
    ["[::1]", "http://[::1]:11434"],
    ["  http://127.0.0.1:11434  ", "http://127.0.0.1:11434"],
  ];

  it.each(cases)("normalizes %s", (input, expected) => {
    expect(normalizeHost(input)).toEqual({ ok: true, url: expected });
  });

  it.each(["", "ftp://host", "http://u:p@host", "http://host/?q=1", "http://[bad"])(
    "rejects %j",
    (input) => {
      expect(normalizeHost(input).ok).toBe(false);
    },
  );
});
