import { Feed } from "feed";
import type { Publication } from "./publications";

/**
 * Atom (and RSS 2.0, for readers that only know it) feeds of new publications, built with the `feed`
 * package from the public publication view. Titles and summaries are Chinese user content; the feed's
 * own labels come translated from the caller.
 */
export function buildFeed(
  items: Publication[],
  opts: { origin: string; selfPath: string; title: string; description: string; kindLabel: (kind: Publication["kind"]) => string; lang: string },
) {
  const feed = new Feed({
    id: `${opts.origin}${opts.selfPath}`,
    title: opts.title,
    description: opts.description,
    link: `${opts.origin}/`,
    language: opts.lang,
    updated: items[0] ? new Date(items[0].publishedAt) : new Date(0),
    feedLinks: { atom: `${opts.origin}${opts.selfPath}` },
    copyright: opts.title,
    generator: "civic-hearings",
  });
  for (const p of items) {
    feed.addItem({
      id: `${opts.origin}${p.url}`,
      link: `${opts.origin}${p.url}`,
      title: `${opts.kindLabel(p.kind)}：${p.title}`,
      description: p.body.length > 280 ? `${p.body.slice(0, 280)}…` : p.body,
      date: new Date(p.publishedAt),
      category: [{ name: p.communityName }],
    });
  }
  return feed;
}
