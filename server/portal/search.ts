import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import type { PublicationKind } from "../../db/schema";
import { publicationUrl, type Publications } from "./publications";

export type SearchHit = {
  kind: PublicationKind;
  id: number;
  url: string;
  title: string;
  communityId: number;
  communityName: string;
  publishedAt: string;
  /** A window of the public text around the first match (the UI marks the terms). */
  snippet: string;
};

const MAX_TERMS = 6;
const MAX_QUERY = 100;

/** Splits a query into terms: whitespace separates them; quotes and FTS5 syntax are not operators. */
export function queryTerms(q: string): string[] {
  return q
    .slice(0, MAX_QUERY)
    .replace(/["'*^():]/g, " ")
    .split(/\s+/u)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Up to `size` characters of text around the first occurrence of any term. */
export function snippetOf(text: string, terms: string[], size = 90): string {
  const lower = text.toLowerCase();
  const at = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  if (!Number.isFinite(at) || text.length <= size) return text.slice(0, size) + (text.length > size ? "…" : "");
  const start = Math.max(0, at - Math.floor(size / 3));
  return (start > 0 ? "…" : "") + text.slice(start, start + size) + (start + size < text.length ? "…" : "");
}

/**
 * Full-text search over published titles and public texts (decision 016). SQLite FTS5 with the
 * trigram tokenizer finds any substring of three or more characters, which is what Chinese needs
 * (no spaces between words). A term of one or two characters — 漏水, 物业 — has no trigram: it is
 * matched with LIKE on the same table (a scan of the public texts only, small for a street office).
 * All terms must match. The index is rebuilt from the public publication view when the published
 * set changes, so nothing enters it that the public pages do not show.
 */
export function createSearch(db: Db, publications: Publications) {
  let indexed: string | null = null;

  function sync() {
    const fingerprint = publications.fingerprint();
    if (fingerprint === indexed) return;
    const rows = publications.all();
    db.transaction((tx) => {
      tx.run(sql`delete from publication_search`);
      for (const p of rows)
        tx.run(
          sql`insert into publication_search (kind, ref_id, community_id, published_at, title, body) values (${p.kind}, ${p.id}, ${p.communityId}, ${Date.parse(p.publishedAt)}, ${p.title}, ${p.body})`,
        );
    });
    indexed = fingerprint;
  }

  return {
    sync,
    search(q: string, opts: { communityId?: number; kind?: PublicationKind; limit?: number } = {}): { terms: string[]; hits: SearchHit[] } {
      const terms = queryTerms(q);
      if (terms.length === 0) return { terms, hits: [] };
      sync();
      const long = terms.filter((t) => [...t].length >= 3);
      const short = terms.filter((t) => [...t].length < 3);
      const conds: SQL[] = [];
      // Each long term is a quoted FTS5 phrase (quotes were stripped from the input, so no syntax leaks in).
      if (long.length) conds.push(sql`publication_search match ${long.map((t) => `"${t}"`).join(" AND ")}`);
      for (const t of short) conds.push(sql`(title like ${`%${likeEscape(t)}%`} escape '\\' or body like ${`%${likeEscape(t)}%`} escape '\\')`);
      if (opts.communityId) conds.push(sql`community_id = ${opts.communityId}`);
      if (opts.kind) conds.push(sql`kind = ${opts.kind}`);
      const order = long.length ? sql`bm25(publication_search, 10.0, 1.0), published_at desc` : sql`published_at desc`;
      const rows = db.all<{ kind: PublicationKind; refId: number; communityId: number; publishedAt: number; title: string; body: string }>(
        sql`select kind, ref_id as refId, community_id as communityId, published_at as publishedAt, title, body
              from publication_search where ${sql.join(conds, sql` and `)} order by ${order} limit ${opts.limit ?? 50}`,
      );
      const names = new Map(publications.communities().map((c) => [c.id, c.name]));
      return {
        terms,
        hits: rows.map((r) => ({
          kind: r.kind,
          id: Number(r.refId),
          url: publicationUrl(r.kind, Number(r.refId)),
          title: r.title,
          communityId: Number(r.communityId),
          communityName: names.get(Number(r.communityId)) ?? "",
          publishedAt: new Date(Number(r.publishedAt)).toISOString(),
          snippet: snippetOf(r.body, terms),
        })),
      };
    },
  };
}
export type Search = ReturnType<typeof createSearch>;
