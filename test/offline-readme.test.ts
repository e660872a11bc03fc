import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCorpus, type CorpusRun } from "./offline-corpus.js";

/**
 * README-style sources of a command-line tool: install steps, code blocks in several languages,
 * a version table, flags and environment variables, and example values that differ between
 * files without contradicting each other.
 */
const files: Record<string, string> = {
  "quarry.md": `# quarry

quarry is a command-line tool that copies files between object stores. It reads its settings
from \`quarry.toml\` and from the \`QUARRY_HOME\` environment variable.

## Install

Download the latest release, version 1.2.3, from the releases page:

\`\`\`sh
curl -LO https://example.invalid/quarry-1.2.3.tar.gz
tar xzf quarry-1.2.3.tar.gz
sudo mv quarry /usr/local/bin/
\`\`\`

On macOS you can also use Homebrew:

\`\`\`sh
brew install quarry
\`\`\`

## Usage

Run \`quarry sync SRC DST\` to copy a bucket. Pass \`--verbose\` to print each file as it is
copied, and \`--dry-run\` to list the files without copying them.

\`\`\`sh
quarry sync s3://photos gs://backup --verbose
quarry sync s3://photos gs://backup --workers 8
\`\`\`

The \`--workers\` flag sets the number of parallel copies. The default is 4.

## Flags

| Flag          | Default | Description                          |
| ------------- | ------- | ------------------------------------ |
| \`--verbose\`   | off     | Print each file as it is copied.     |
| \`--workers\`   | 4       | Number of parallel copies.           |
| \`--timeout\`   | 30s     | Time limit of one request.           |
| \`--dry-run\`   | off     | List the files without copying them. |

## Versions

| Version | Released   | Notes                         |
| ------- | ---------- | ----------------------------- |
| v0.6    | 2023-02-01 | First public release.         |
| 1.0.0   | 2023-09-12 | Stable flags.                 |
| 1.2.3   | 2024-05-30 | Adds the \`--timeout\` flag.    |

For a list of all changes see the changelog.
`,
  "api.md": `# quarry server API

Start the server with \`quarry serve\`. It listens on the address in \`QUARRY_HOST\`, by default
\`127.0.0.1:7700\`.

## Endpoints

- \`/api/chat\` sends a message to the copy assistant and returns its reply.
- \`/api/status\` returns the state of the running copies.
- \`/api/jobs/{id}\` returns one copy job.

Each request may set \`num_ctx\`, the size of the context buffer, and \`keep_alive\`.

\`\`\`json
{ "model": "small", "num_ctx": 2048, "keep_alive": "5m" }
\`\`\`

A larger buffer uses more memory:

\`\`\`json
{ "model": "small", "num_ctx": 8192 }
\`\`\`

## Client example

\`\`\`python
import quarry

client = quarry.Client(host="http://127.0.0.1:7700")
for job in client.jobs():
    if job.state == "failed":
        client.retry(job.id)
\`\`\`

In Go, call \`quarry.Run(ctx, opts)\`; to stop a copy, send the signal with \`kill(pid, SIGTERM)\`
or call \`job.Stop()\`.

\`\`\`go
for i := 0; i < n; i++ {
    if err := q.Run(ctx); err != nil {
        return err
    }
}
\`\`\`

## Tuning

Set \`num_ctx\` to 4096, for example, to hold a long conversation:

\`\`\`sh
quarry serve --num-ctx 4096
\`\`\`

The \`keep_alive\` value is a duration such as \`10m\`.

In the first example above, \`num_ctx\` is 2048. The example sets \`keep_alive\` to 5m.

This example starts the server with a \`num_ctx\` of 2048.
`,
  "config.md": `# Configuration

quarry reads \`quarry.toml\` from \`QUARRY_HOME\`. Every key can be overridden by a flag.

\`\`\`toml
[copy]
workers = 4
timeout = "30s"
\`\`\`

To copy faster on a large machine, raise the workers:

\`\`\`toml
[copy]
workers = 16
\`\`\`

## Environment variables

| Variable       | Default           | Meaning                           |
| -------------- | ----------------- | --------------------------------- |
| \`QUARRY_HOME\`  | \`~/.quarry\`       | Folder of the configuration file. |
| \`QUARRY_HOST\`  | \`127.0.0.1:7700\`  | Address of the server.            |
| \`QUARRY_DEBUG\` | \`0\`               | Set to \`1\` to log every request.  |

The \`--verbose\` flag and \`QUARRY_DEBUG=1\` both print more, but only \`QUARRY_DEBUG\` logs
requests. If \`QUARRY_DEBUG\` is set, quarry writes logs to \`~/.quarry/logs\`.

## Upgrading from v0.6

Version 1.0 renamed \`--threads\` to \`--workers\`. Configuration files written for v0.6 still
load, but quarry prints a warning for each old key.

In the example above, \`workers\` is 16.
For example: \`--timeout\` is 60s when copying large files.
`,
  "faq.md": `# FAQ

## Why is the copy slow?

Check \`--workers\`. For example, \`quarry sync a b --workers 2\` copies two files at a time, and
\`quarry sync a b --workers 32\` copies thirty-two. Large buckets copy faster with more workers.

## How do I see what quarry does?

Use \`--verbose\`, or set \`QUARRY_DEBUG=1\` for request logs.

## Which version do I have?

Run \`quarry --version\`. It prints a line such as \`quarry 1.2.3 (linux/amd64)\`.

## Does quarry support Windows?

Yes. On Windows, the configuration lives in \`%APPDATA%\\quarry\\quarry.toml\`.

## What happens when a copy fails?

quarry retries a failed copy three times, for i in 1..3, and then marks the job \`failed\`.
Use \`for\` loops in scripts to retry whole buckets.

## How large should the context buffer be?

For instance, set \`num_ctx\` to 8192 to hold longer chats. An example request sets \`keep_alive\`
to \`1h\`.

In this example, \`num_ctx\` is 8192. Example: \`--workers\` is 2 on a laptop.
For example, \`--timeout\` is 10s here.

The next example starts the server with a \`num_ctx\` of 8192.

Example output of \`quarry sync --workers 8\`, where \`--workers\` defaults to 8:

\`\`\`text
copied 12 files
\`\`\`
`,
};

let folder: string;
let run: CorpusRun;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "wiki-readme-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  run = await runCorpus(folder);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function entityNames(): string[] {
  return [...new Set(run.analyses.flatMap(({ analysis }) => analysis.entities.map((e) => e.name)))];
}

function subjects(): string[] {
  return [...new Set(run.claims.map((claim) => claim.subject))];
}

describe("offline analysis of README files", () => {
  it.each([
    ["--verbose"],
    ["--workers"],
    ["--dry-run"],
    ["num_ctx"],
    ["/api/chat"],
    ["QUARRY_HOME"],
  ])("keeps identifier %s", (name) => {
    expect(entityNames()).toContain(name);
  });

  it("keeps a call with its brackets", () => {
    expect(entityNames()).toContain("job.Stop()");
  });

  it("makes no keyword an entity", () => {
    const keywords = ["for", "if", "with", "return"];
    expect(entityNames().filter((name) => keywords.includes(name))).toEqual([]);
    expect(subjects().filter((name) => keywords.includes(name))).toEqual([]);
  });

  it("makes no version an entity", () => {
    const versions = /^v?\d+(?:\.\d+)*$/i;
    expect(entityNames().filter((name) => versions.test(name))).toEqual([]);
    expect(subjects().filter((name) => versions.test(name))).toEqual([]);
  });

  it("makes no unbalanced fragment an entity", () => {
    const unbalanced = (name: string) =>
      (name.match(/\(/g) ?? []).length !== (name.match(/\)/g) ?? []).length;
    expect(entityNames().filter(unbalanced)).toEqual([]);
    expect(subjects().filter(unbalanced)).toEqual([]);
  });

  it("reports no contradiction between examples", () => {
    expect(run.contradictions.map((record) => record.subject)).toEqual([]);
  });
});
