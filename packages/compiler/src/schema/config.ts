/**
 * The workspace configuration read from `schema/wiki.yaml`. Every field has a default, so a
 * missing or empty schema folder works. Each field is documented in docs/schema.md.
 */

export type ProviderName = "auto" | "offline" | "ollama" | "openai";
export type LinkStyle = "markdown" | "wikilink";
export type PageType = "source" | "entity" | "concept" | "community";
/**
 * How a page's file name is made from its title: `kebab` lowercases and joins words with `-`,
 * keeping letters of every script; `ascii` also drops accents and any character outside a-z 0-9.
 */
export type FileNameRule = "kebab" | "ascii";

export interface EntityType {
  name: string;
  description: string;
  /** `concept` types are ideas and practices; `entity` types are named things. */
  kind: "entity" | "concept";
}

export interface WikiConfig {
  /** Globs, relative to the raw folder, of the files to read. */
  include: string[];
  /** Globs of files to skip even when `include` matches them. */
  exclude: string[];
  entityTypes: EntityType[];
  linkStyle: LinkStyle;
  /** Language of the prose written by the model; names stay as written in the source. */
  language: string;
  provider: ProviderName;
  model: string;
  /** Model servers; empty means `OLLAMA_HOST` or the default address. */
  hosts: string[];
  /** Context size in tokens sent as `num_ctx`; `0` reads it from the server, capped at 8192. */
  contextTokens: number;
  /** Largest chunk in tokens; chunks are also kept small enough for the context size. */
  chunkTokens: number;
  /** Requests in flight per host. */
  concurrency: number;
  /** Time limit of one model call, in milliseconds. */
  timeoutMs: number;
  /** Time limit to reach a server and read its model list, in milliseconds. */
  connectTimeoutMs: number;
  layout: {
    /** Folder of each page type inside the output folder. */
    folders: Record<PageType, string>;
    /** Rule that turns a page title into its file name. */
    fileNames: FileNameRule;
  };
}

export const defaultEntityTypes: EntityType[] = [
  { name: "tool", kind: "entity", description: "A program, command, library or service." },
  {
    name: "setting",
    kind: "entity",
    description: "A configuration option, environment variable or parameter.",
  },
  { name: "interface", kind: "entity", description: "An API endpoint, file format or protocol." },
  { name: "organization", kind: "entity", description: "A company, project or group of people." },
  { name: "person", kind: "entity", description: "A named person or role." },
  { name: "platform", kind: "entity", description: "An operating system, hardware or runtime." },
  {
    name: "concept",
    kind: "concept",
    description: "An idea, practice or technique the sources explain.",
  },
];

export const defaultConfig: WikiConfig = {
  include: ["**/*.md", "**/*.mdx", "**/*.markdown", "**/*.txt"],
  exclude: [],
  entityTypes: defaultEntityTypes,
  linkStyle: "markdown",
  language: "English",
  provider: "auto",
  model: "llama3.1:8b",
  hosts: [],
  contextTokens: 0,
  chunkTokens: 1500,
  concurrency: 2,
  timeoutMs: 600_000,
  connectTimeoutMs: 5_000,
  layout: {
    folders: {
      source: "sources",
      entity: "entities",
      concept: "concepts",
      community: "communities",
    },
    fileNames: "kebab",
  },
};
