// Public interface of the providers package.
export { createOfflineProvider } from "./offline/index.js";
export { createOllamaProvider } from "./ollama/provider.js";
export { probeOllama, type ProbeResult } from "./ollama/probe.js";
export { resolveHosts, type HostOrigin } from "./ollama/hosts.js";
export { createOpenAIProvider } from "./openai/provider.js";
export { ProviderError, type ProviderErrorCode } from "./pool/call-error.js";
export type { ModelSettings, ProviderOptions } from "./pool/step-provider.js";
export type { PoolTuning } from "./pool/host-pool.js";
export {
  repairAnswer,
  type Repaired,
  type RepairOptions,
  type StepValues,
} from "./repair/index.js";
