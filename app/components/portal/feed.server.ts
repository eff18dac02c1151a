import type { AppLoadContext } from "@remix-run/node";
import { buildFeed } from "../../../server/portal/feed";
import { htmlLang } from "~/i18n";
import { publicOrigin, serverT } from "~/utils/share.server";

const FEED_SIZE = 50;

/** Builds the Atom or RSS response of all publications or one community's (404 for an unknown one). */
export async function feedResponse(request: Request, context: AppLoadContext, format: "atom" | "rss", communityId?: number): Promise<Response> {
  const { portal } = context.services;
  const community = communityId ? portal.publications.communities().find((c) => c.id === communityId) : undefined;
  if (communityId && !community) throw new Response("not found", { status: 404 });
  const { t, lang } = await serverT(request);
  const items = portal.publications.list({ communityId, page: 1 }, FEED_SIZE).items;
  const origin = publicOrigin(context, request);
  const selfPath = community ? `/communities/${community.id}/atom.xml` : format === "rss" ? "/rss.xml" : "/atom.xml";
  const feed = buildFeed(items, {
    origin,
    selfPath,
    title: community ? t("portal.feed.communityTitle", { community: community.name }) : t("portal.feed.title"),
    description: t("portal.feed.description"),
    kindLabel: (k) => t(`portal.kind.${k}`),
    lang: htmlLang[lang],
  });
  const body = format === "rss" ? feed.rss2() : feed.atom1();
  return new Response(body, {
    headers: {
      "Content-Type": format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      Vary: "Cookie",
    },
  });
}
