import { and, count, eq } from "drizzle-orm";
import { councilItems, councils, ledgerEntries, representatives, users } from "../../db/schema";
import zh from "../../app/locales/zh";
import { cookieFrom, postForm, type TestServer } from "../support/server";

/**
 * The error code behind the translated alert a form shows (the app renders `errors.<code>` in
 * Chinese): each message template is turned back into a pattern, so a test can assert the code.
 */
export function alertCode(html: string): string | null {
  const m = /<p class="alert alert--error" role="alert">([\s\S]*?)<\/p>/.exec(html);
  if (!m) return null;
  const text = m[1]
    .replace(/<!-- -->/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const [code, template] of Object.entries(zh.errors)) {
    const pattern = new RegExp(`^${template.split(/\{\{\w+\}\}/).map(escape).join(".*?")}$`);
    if (pattern.test(text)) return code;
  }
  return `unknown: ${text}`;
}

export type Submitted = { status: number; html: string; code: string | null };

/** A form POST as the browser sends it; the answer's status, page and (if any) error code. */
export async function act(server: TestServer, cookie: string | undefined, path: string, fields: Record<string, string | string[]>): Promise<Submitted> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...(cookie ? { cookie } : {}) },
    body: body.toString(),
  });
  const html = await res.text();
  return { status: res.status, html, code: alertCode(html) };
}


/** Everything a refusal must leave unchanged: the council's record, its status, its items' states. */
export function councilState(server: TestServer, councilId: number) {
  const db = server.services.db;
  return {
    ledger: db.select({ n: count() }).from(ledgerEntries).where(and(eq(ledgerEntries.scope, "council"), eq(ledgerEntries.scopeId, councilId))).get()!.n,
    status: db.select({ s: councils.status }).from(councils).where(eq(councils.id, councilId)).get()?.s,
    items: db
      .select({ id: councilItems.id, status: councilItems.status, outcome: councilItems.outcome })
      .from(councilItems)
      .where(eq(councilItems.councilId, councilId))
      .all(),
  };
}

export function userId(server: TestServer, username: string): number {
  return server.services.db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()!.id;
}

/** Convenes a council through the real form; returns its id. */
export async function conveneCouncil(
  server: TestServer,
  cookie: string,
  input: { title: string; inDays: number; voters: number[]; observers?: number[]; communityId?: number },
): Promise<number> {
  const at = new Date(Date.now() + input.inDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  const communityId = input.communityId ?? server.services.units.byKind("community")[0].id;
  const body = new URLSearchParams({ communityId: String(communityId), title: input.title, place: "和平社区党群服务中心一楼议事厅", scheduledAt: at });
  for (const id of [...input.voters, ...(input.observers ?? [])]) body.append("member", `${communityId}:${id}`);
  for (const id of input.voters) body.append("voting", String(id));
  const res = await fetch(`${server.url}/manage/councils/new`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, cookie },
    body: body.toString(),
  });
  if (res.status !== 302) throw new Error(`convene failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return Number(res.headers.get("location")!.split("/").pop());
}

/** Redeems the invitation link shown on the console page as a guest's browser does; returns the session cookie. */
export async function redeem(server: TestServer, consolePage: string): Promise<string> {
  const token = /invite\/([a-z2-7]{24}\.[a-z2-7]{24})/.exec(consolePage)?.[1];
  if (!token) throw new Error("no invitation link on the page");
  const res = await postForm(server, `/invite/${token}`, {});
  const cookie = cookieFrom(res);
  if (res.status !== 302 || !cookie) throw new Error(`invitation not redeemed: ${res.status}`);
  return cookie;
}

/** The ballot rules fields of the agenda form. */
export const rules = (r: { quorum: number; tieRule?: "revote" | "chair_decides"; secret?: boolean; threshold?: string }) => ({
  quorum: String(r.quorum),
  tieRule: r.tieRule ?? "revote",
  threshold: r.threshold ?? "majority_cast",
  ...(r.secret ? { secret: "on" } : {}),
});

export function repId(server: TestServer, username: string): number {
  const row = server.services.db
    .select({ id: representatives.id })
    .from(representatives)
    .innerJoin(users, eq(users.id, representatives.userId))
    .where(eq(users.username, username))
    .get();
  if (!row) throw new Error(`no representative ${username}`);
  return row.id;
}
