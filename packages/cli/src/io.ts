/** What a command may touch of the process, so tests can run commands in-process. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C; commands cancel model calls in flight and stop cleanly. */
  signal?: AbortSignal;
}
