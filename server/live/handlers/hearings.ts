import { z } from "zod";
import { AnnounceInput, CancelInput } from "../../hearings/lifecycle";
import { ChallengeInput, CommitInput, ExternalInput, OpenDrawInput, RevealInput } from "../../hearings/draw-flow";
import { OpinionInput, RuleOnExhibitInput } from "../../hearings/evidence";
import { hearingRooms, loadHearing, loadVisibleHearing, roleIn } from "../../hearings/access";
import { AdvanceInput, DeliberationInput, FloorInput, PutQuestionInput, QuestionInput, StartInput, StatementInput, TimerInput } from "../../hearings/room";
import { RulingInput } from "../../hearings/ruling";
import { DecideChallengeInput, FileChallengeInput, HearingRef } from "../../hearings/challenges";
import { SeatAlternateInput } from "../../hearings/alternates";
import { AdjournInput } from "../../hearings/adjournment";
import { ReturnToVotingInput, RunoffInput } from "../../hearings/runoff";
import { HearingRatingInput } from "../../hearings/follow-ups";
import type { Services } from "../../services";
import { command } from "../command";
import { createSnapshotCache } from "../snapshot-cache";

/** Anonymous hearing snapshots, shared by every spectator socket (keyed by the public room and its seq). */
// One cache per server (a test process may run several, with rooms of the same name).
const snapshotCaches = new WeakMap<Services, ReturnType<typeof createSnapshotCache<unknown>>>();
import type { IoSocket } from "../socket-server";

const HearingId = z.object({ hearingId: z.number().int().positive() }).strict();

/**
 * Socket commands of the hearing room. Thin on purpose: parse (in `command`), call the service
 * (which authorises for role, community and phase and writes one transaction), acknowledge.
 */
export function registerHearingHandlers(socket: IoSocket, services: Services): void {
  const { hearings, live, log } = services;
  const db = services.db;
  const p = () => socket.data.principal;
  const spectatorSnapshots = () => {
    let cache = snapshotCaches.get(services);
    if (!cache) snapshotCaches.set(services, (cache = createSnapshotCache<unknown>()));
    return cache;
  };
  const on = <S extends z.ZodTypeAny, T>(event: string, schema: S, handler: (input: z.infer<S>) => T | Promise<T>) =>
    socket.on(event as never, command(schema, log, handler) as never);

  const joined = new Set<number>();

  function join(hearingId: number) {
    // A never-announced hearing answers like a missing one, before any room is joined (issue 12).
    const { role } = loadVisibleHearing(db, hearingId, p());
    const rooms = [hearingRooms.public(hearingId)];
    if (role.kind !== "spectator") rooms.push(hearingRooms.panel(hearingId));
    if (role.kind === "chair" || role.kind === "juror") rooms.push(hearingRooms.jury(hearingId));
    if (role.kind === "chair") rooms.push(hearingRooms.chair(hearingId));
    void socket.join(rooms);
    if (role.kind === "juror" && !joined.has(hearingId)) {
      joined.add(hearingId);
      hearings.presence.join(hearingId, role.representativeId);
      broadcastPanel(hearingId);
      socket.once("disconnect", () => {
        hearings.presence.leave(hearingId, role.representativeId);
        broadcastPanel(hearingId);
      });
    }
    // Read the seqs and the snapshot in the same tick: nothing can be broadcast in between.
    const seqs = Object.fromEntries(rooms.map((r) => [r, live.seq(r)]));
    const principal = p();
    const snapshot =
      principal.kind === "anonymous"
        ? (spectatorSnapshots()(rooms[0], seqs[rooms[0]], () => hearings.views.snapshot(principal, hearingId)) as ReturnType<typeof hearings.views.snapshot>)
        : hearings.views.snapshot(principal, hearingId);
    return { snapshot, seqs };
  }

  function broadcastPanel(hearingId: number) {
    live.coalesce(hearingRooms.public(hearingId), "hearing:panel", () => hearings.views.panel(loadHearing(db, hearingId), false));
  }

  on("hearing:join", HearingId, ({ hearingId }) => join(hearingId));
  on("hearing:snapshot", HearingId, ({ hearingId }) => join(hearingId));
  on("hearing:announce", AnnounceInput, (input) => (hearings.lifecycle.announce(p(), input), null));
  on("hearing:cancel", CancelInput, (input) => (hearings.lifecycle.cancel(p(), input), null));
  on("draw:open", OpenDrawInput, (input) => hearings.draw.open(p(), input));
  on("draw:commit", CommitInput, (input) => hearings.draw.commit(p(), input));
  on("draw:reveal", RevealInput, (input) => hearings.draw.reveal(p(), input));
  on("draw:external", ExternalInput, (input) => hearings.draw.addExternal(p(), input));
  on("draw:run", HearingId, ({ hearingId }) => hearings.draw.draw(p(), hearingId));
  // 申请回避 is a request the mediator decides (issue 14, server/hearings/challenges.ts).
  on("draw:challenge", FileChallengeInput, (input) => hearings.challenges.file(p(), input));
  on("hearing:challenge_waive", HearingRef, (input) => hearings.challenges.waive(p(), input));
  on("hearing:challenge_decide", DecideChallengeInput, (input) => hearings.challenges.decide(p(), input));
  on("hearing:challenge_close", HearingRef, (input) => (hearings.challenges.closeWindow(p(), input), null));
  on("hearing:start", StartInput, (input) => (hearings.room.start(p(), input), null));
  on("hearing:seat_alternate", SeatAlternateInput, (input) => hearings.alternates.seatAlternate(p(), input));
  on("hearing:adjourn", AdjournInput, (input) => (hearings.adjournment.adjourn(p(), input), null));
  on("hearing:return_to_voting", ReturnToVotingInput, (input) => (hearings.runoff.returnToVoting(p(), input), null));
  on("hearing:runoff", RunoffInput, (input) => (hearings.runoff.openRunoff(p(), input), null));
  on("hearing:rate", HearingRatingInput, (input) => hearings.followUps.rate(p(), input));
  on("hearing:advance", AdvanceInput, (input) => (hearings.room.advance(p(), input), null));
  on("hearing:checkin", HearingId, ({ hearingId }) => {
    const result = hearings.room.checkIn(p(), hearingId);
    broadcastPanel(hearingId);
    return result;
  });
  on("hearing:floor", FloorInput, (input) => hearings.room.giveFloor(p(), input));
  on("hearing:timer", TimerInput, (input) => hearings.room.timer(p(), input));
  on("hearing:statement", StatementInput, (input) => hearings.room.postStatement(p(), input));
  on("hearing:question", QuestionInput, (input) => hearings.room.askQuestion(p(), input));
  on("hearing:put_question", PutQuestionInput, (input) => (hearings.room.putQuestion(p(), input), null));
  on("hearing:deliberate", DeliberationInput, (input) => hearings.room.deliberate(p(), input));
  on("exhibit:rule", RuleOnExhibitInput, (input) => (hearings.evidence.rule(p(), input), null));
  on("exhibit:opinion", OpinionInput, (input) => (hearings.evidence.addOpinion(p(), input), null));
  on("hearing:ruling", RulingInput, (input) => (hearings.rulings.record(p(), input), null));
  on("hearing:close", HearingId, ({ hearingId }) => (hearings.rulings.close(p(), hearingId), null));
  on("hearing:publish", HearingId, ({ hearingId }) => (hearings.rulings.publish(p(), hearingId), null));
}
