import { randomBytes } from "node:crypto";
import { partyCommitment } from "../../server/draw/protocol";
import { consoleAction, conveneHearing, login, ok, partyCookie, socketFor, usernameOf } from "../support/hearing-flow";
import type { ClientSocket, TestServer } from "../support/server";
import type { HearingSnapshot } from "../../app/components/hearing/types";

type Joined = { snapshot: HearingSnapshot; seqs: Record<string, number> };

export type DrivenHearing = {
  hearingId: number;
  mediatorCookie: string;
  mediator: ClientSocket;
  parties: { cookie: string; socket: ClientSocket }[];
  jurors: { username: string; cookie: string; socket: ClientSocket }[];
  state(s: ClientSocket): Promise<HearingSnapshot>;
  advance(to: string): Promise<void>;
  close(): void;
};

/**
 * Drives a hearing through the real forms and sockets up to the live room with every juror checked
 * in (convened, announced, parties invited, drawn, started), as the hearing-flow test does.
 */
export async function hearingInCheckin(
  server: TestServer,
  overrides: Record<string, string> = {},
  hooks: { announced?: (hearingId: number) => Promise<void> } = {},
): Promise<DrivenHearing> {
  const mediatorCookie = await login(server, "mediator");
  const mediator = await socketFor(server, mediatorCookie);
  const hearingId = await conveneHearing(server, mediatorCookie, overrides);
  const state = async (s: ClientSocket) => (await ok<Joined>(s, "hearing:join", { hearingId })).snapshot;
  if ((await consoleAction(server, mediatorCookie, hearingId, { intent: "announce" })).status !== 200) throw new Error("announce failed");
  await hooks.announced?.(hearingId);
  const parties: DrivenHearing["parties"] = [];
  for (const p of (await state(mediator)).parties) {
    const cookie = await partyCookie(server, mediatorCookie, hearingId, p.id);
    parties.push({ cookie, socket: await socketFor(server, cookie) });
  }
  if ((await consoleAction(server, mediatorCookie, hearingId, { intent: "openDraw" })).status !== 200) throw new Error("openDraw failed");
  // Draw protocol v2 (issue 11): every party commits on its device, then reveals.
  const { openingHash } = (await state(mediator)).draw!;
  const kept = parties.map((_, i) => ({ value: `骰子 ${i} 3 5`, salt: randomBytes(32).toString("hex") }));
  for (const [i, p] of parties.entries()) await ok(p.socket, "draw:commit", { hearingId, commitment: await partyCommitment(openingHash, kept[i].salt, kept[i].value) });
  for (const [i, p] of parties.entries()) await ok(p.socket, "draw:reveal", { hearingId, ...kept[i] });
  await ok(mediator, "draw:run", { hearingId });
  // Both parties waive their challenges (issue 14); the start comes before the announced time, with a reason.
  for (const p of parties) await ok(p.socket, "hearing:challenge_waive", { hearingId });
  await ok(mediator, "hearing:start", { hearingId, reason: "双方同意提前开始" });
  const jurors: DrivenHearing["jurors"] = [];
  for (const seat of (await state(mediator)).panel.filter((s) => s.role === "juror" && s.status === "active")) {
    const username = usernameOf(server, seat.name!);
    const cookie = await login(server, username);
    const socket = await socketFor(server, cookie);
    await state(socket);
    await ok(socket, "hearing:checkin", { hearingId });
    jurors.push({ username, cookie, socket });
  }
  return {
    hearingId,
    mediatorCookie,
    mediator,
    parties,
    jurors,
    state,
    advance: async (to: string) => void (await ok(mediator, "hearing:advance", { hearingId, to })),
    close() {
      for (const s of [mediator, ...parties.map((p) => p.socket), ...jurors.map((j) => j.socket)]) s.close();
    },
  };
}
