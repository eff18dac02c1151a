import { eq } from "drizzle-orm";
import { representatives, users } from "../../db/schema";
import { connected, connectSocket, cookieFrom, login, postForm, type ClientSocket, type TestServer } from "./server";

/** Sends a socket command and returns its acknowledgement. */
export async function cmd<T = unknown>(socket: ClientSocket, event: string, payload: unknown): Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }> {
  return (socket as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }).emitWithAck(event, payload);
}

export async function ok<T = unknown>(socket: ClientSocket, event: string, payload: unknown): Promise<T> {
  const res = await cmd<T>(socket, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code}`);
  return res.data;
}

export async function socketFor(server: TestServer, cookie?: string): Promise<ClientSocket> {
  const s = connectSocket(server, { cookie, origin: server.url });
  await connected(s);
  return s;
}

/** Convenes a hearing through the real form, as the mediator does in the browser. */
export async function conveneHearing(server: TestServer, mediatorCookie: string, overrides: Record<string, string> = {}): Promise<number> {
  const inEightDays = new Date(Date.now() + 8 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  const res = await postForm(
    server,
    "/manage/hearings/new",
    {
      communityId: String(server.services.units.byKind("community")[0].id),
      title: "楼上漏水纠纷评理",
      matterDescription: "3号楼 502 与 402 之间的漏水与维修费用分担",
      scope: "private",
      difficulty: "hard",
      source: "visit",
      place: "和平社区党群服务中心二楼会议室",
      scheduledAt: inEightDays,
      panelSize: "7",
      alternatesCount: "3",
      challengesPerParty: "1",
      partyA: "张三",
      partyB: "李四",
      budgetStatements: "5",
      budgetDebate: "3",
      min_deputy: "1",
      min_professional: "1",
      min_elder: "1",
      min_resident: "1",
      ...overrides,
    },
    { cookie: mediatorCookie },
  );
  if (res.status !== 302) throw new Error(`convene failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return Number(res.headers.get("location")!.split("/").pop());
}

export async function consoleAction(server: TestServer, cookie: string, hearingId: number, fields: Record<string, string>) {
  return postForm(server, `/manage/hearings/${hearingId}`, fields, { cookie });
}

/** Creates and redeems a party's invitation through the console and the invitation page. */
export async function partyCookie(server: TestServer, mediatorCookie: string, hearingId: number, partyId: number): Promise<string> {
  const res = await consoleAction(server, mediatorCookie, hearingId, { intent: "invite", partyId: String(partyId) });
  const html = await res.text();
  const token = html.match(/invite\/([a-z2-7]{24}\.[a-z2-7]{24})/)?.[1];
  if (!token) throw new Error("no invitation link in the console");
  const redeemed = await postForm(server, `/invite/${token}`, {});
  const cookie = cookieFrom(redeemed);
  if (!cookie) throw new Error("invitation not redeemed");
  return cookie;
}

/** The usernames of representatives, by representative name (the chair's snapshot shows names). */
export function usernameOf(server: TestServer, representativeName: string): string {
  const row = server.services.db
    .select({ username: users.username })
    .from(representatives)
    .innerJoin(users, eq(users.id, representatives.userId))
    .where(eq(representatives.name, representativeName))
    .get();
  if (!row) throw new Error(`no user for ${representativeName}`);
  return row.username;
}

export { login };
