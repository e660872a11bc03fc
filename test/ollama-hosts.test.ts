import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOllamaProvider, probeOllama, resolveHosts } from "@wiki/providers";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import { logLines, quick, settingsFor, reasonOf } from "./ollama-support.js";

const servers: FakeOllama[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(): Promise<FakeOllama> {
  const server = await startFakeOllama();
  servers.push(server);
  return server;
}

/** Returns a port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a server that accepts connections and never responds. */
async function silentServer(): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("resolve hosts", () => {
  it("prefers the schema's hosts", () => {
    const result = resolveHosts(["gpu-1:9000", "http://gpu-2"], { OLLAMA_HOST: "other" });
    expect(result).toEqual({ hosts: ["http://gpu-1:9000", "http://gpu-2:80"], origin: "schema" });
  });

  it.each([
    ["10.0.0.5", "http://10.0.0.5:11434"],
    ["10.0.0.5:8000", "http://10.0.0.5:8000"],
    ["http://box.local:11434/", "http://box.local:11434"],
    ["https://models.example", "https://models.example:443"],
    [":9999", "http://127.0.0.1:9999"],
  ])("reads OLLAMA_HOST=%s", (value, expected) => {
    expect(resolveHosts([], { OLLAMA_HOST: value })).toEqual({
      hosts: [expected],
      origin: "OLLAMA_HOST",
    });
  });

  it("falls back to the default address", () => {
    expect(resolveHosts([], {})).toEqual({ hosts: ["http://127.0.0.1:11434"], origin: "default" });
    expect(resolveHosts([], { OLLAMA_HOST: "  " }).origin).toBe("default");
  });

  it("rejects an address that is not one", () => {
    expect(() => resolveHosts([], { OLLAMA_HOST: "ftp://x" })).toThrow(
      /OLLAMA_HOST is not a server address/,
    );
  });
});

describe("ollama provider creation", () => {
  it("fails on a missing model with the pull command", async () => {
    const server = await serve();
    const creating = createOllamaProvider(
      settingsFor([server.url], { model: "qwen3:4b" }),
      () => {},
      quick,
    );
    await expect(creating).rejects.toMatchObject({ code: "model-not-found" });
    await expect(creating).rejects.toThrow("ollama pull qwen3:4b");
    await expect(creating).rejects.toThrow("models there: llama3.1:8b");
  });

  it("names the address and OLLAMA_HOST when nothing listens", async () => {
    const port = await closedPort();
    const creating = createOllamaProvider(settingsFor([`127.0.0.1:${port}`]), () => {}, quick);
    await expect(creating).rejects.toMatchObject({ code: "host-unreachable" });
    await expect(creating).rejects.toThrow(`http://127.0.0.1:${port} (ECONNREFUSED)`);
    await expect(creating).rejects.toThrow("OLLAMA_HOST");
  });

  it("leaves out a host that is down when another works", async () => {
    const server = await serve();
    const port = await closedPort();
    const { lines, log } = logLines();
    const provider = await createOllamaProvider(
      settingsFor([`127.0.0.1:${port}`, server.url]),
      log,
      quick,
    );
    await provider.close();
    expect(lines[0]).toContain(
      `leaving out a host: no model server answered at http://127.0.0.1:${port}`,
    );
    expect(lines.join("\n")).toContain(`on ${server.url} (server 0.12.0)`);
  });

  it("accepts a model name without its latest tag", async () => {
    const server = await startFakeOllama({ models: [{ name: "mistral:latest" }] });
    servers.push(server);
    const provider = await createOllamaProvider(
      settingsFor([server.url], { model: "mistral" }),
      () => {},
      quick,
    );
    await provider.close();
    expect(provider.identity.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("probe ollama", () => {
  it("finds a running server with the model", async () => {
    const server = await serve();
    expect(await probeOllama([server.url], "llama3.1:8b", 1_000)).toEqual({ ok: true });
  });

  it("says to pull a missing model", async () => {
    const server = await serve();
    const result = await probeOllama([server.url], "gemma3:1b", 1_000);
    expect(result.ok).toBe(false);
    expect(reasonOf(result)).toContain("ollama pull gemma3:1b");
  });

  it("names the closed address", async () => {
    const port = await closedPort();
    const result = await probeOllama([`127.0.0.1:${port}`], "llama3.1:8b", 1_000);
    expect(reasonOf(result)).toContain(`http://127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it("gives up on a silent server within its time limit", async () => {
    const url = await silentServer();
    const started = Date.now();
    const result = await probeOllama([url], "llama3.1:8b", 300);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(reasonOf(result)).toContain("no response within 300 ms");
  });
});
