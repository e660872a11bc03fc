/**
 * Community titles and overviews. A model's line breaks must not reach the page as Markdown, and
 * without a model the title starts with the community's central source.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerCache } from "../packages/compiler/src/cache.js";
import type { BuildContext } from "../packages/compiler/src/context.js";
import type { Community } from "../packages/compiler/src/emit/communities.js";
import { describeCommunity } from "../packages/compiler/src/emit/overview.js";
import { communityPage } from "../packages/compiler/src/emit/pages.js";
import type { Provider, ProviderIdentity } from "../packages/compiler/src/provider.js";
import type { PageSlug } from "../packages/compiler/src/types.js";
import type { Page } from "../packages/compiler/src/write/page.js";
import { stageContext } from "./support/context.js";

const identity: ProviderIdentity = { provider: "ollama", model: "m", digest: "", options: "" };

/** A provider whose overview step returns `title` and `overview`, or no overview when omitted. */
function providerReturning(title?: string, overview = ""): Provider {
  const unused = () => Promise.reject(new Error("only overview is called"));
  return {
    identity,
    chunkTokens: 1000,
    analyze: unused,
    write: unused,
    confirm: unused,
    overview: async () =>
      title === undefined
        ? null
        : {
            ok: true,
            value: { title, overview },
            usage: { calls: 1, promptTokens: 1, completionTokens: 1, retries: 0 },
          },
    close: async () => {},
  };
}

function contextWith(provider: Provider): BuildContext {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "wiki-overview-"));
  return stageContext(provider, new AnswerCache(cacheDir, identity));
}

function member(slug: string, title: string, type: Page["type"] = "entity"): Page {
  return {
    slug: slug as PageSlug,
    title,
    type,
    aliases: [],
    summary: `${title} does one thing.`,
    sources: [],
    body: "",
    related: [],
    extra: [],
  };
}

describe("community overview", () => {
  it("keeps a model's line breaks out of the page", async () => {
    const pages = new Map(
      [member("entities/a", "Alpha"), member("entities/b", "Beta")].map(
        (page) => [page.slug, page] as const,
      ),
    );
    const community: Community = { slug: "communities/a" as PageSlug, members: [...pages.keys()] };
    const provider = providerReturning("Alpha\n# and Beta", "Two tools.\n\n## Members\n- Gamma");
    const view = await describeCommunity(contextWith(provider), community, pages);

    expect(view.title).toBe("Alpha # and Beta");
    expect(view.overview).toBe("Two tools. ## Members - Gamma");
    const page = communityPage({ community, ...view, neighbours: [] }, pages);
    expect(page.summary).not.toContain("\n");
    expect(page.body.match(/^## /gm)).toEqual(["## "]);
    expect(page.body).toContain("\n\nTwo tools. ## Members - Gamma\n\n");
  });

  it("titles a community after its central source without a model", async () => {
    const members = [
      member("sources/guide", "Guide", "source"),
      member("entities/guide", "guide"),
      member("entities/a", "Alpha"),
      member("entities/b", "Beta"),
      member("entities/c", "Gamma"),
      member("entities/d", "Delta"),
    ];
    const pages = new Map(members.map((page) => [page.slug, page] as const));
    const community: Community = {
      slug: "communities/guide" as PageSlug,
      members: [...pages.keys()],
    };
    const view = await describeCommunity(contextWith(providerReturning()), community, pages);

    expect(view.title).toBe("Guide: Alpha, Beta and Gamma");
    expect(view.overview).toBe("");
  });
});
