import { z } from "zod";
import { AnnounceInput, CancelInput } from "../../hearings/lifecycle";
import { CommitInput, ExternalInput, OpenDrawInput, RevealInput } from "../../hearings/draw-flow";
import { OpinionInput, RuleOnExhibitInput, ShowExhibitInput } from "../../hearings/evidence";
import { hearingRooms, loadHearing, loadVisibleHearing } from "../../hearings/access";
import { AdvanceInput, DeliberationInput, FloorInput, PutQuestionInput, QuestionInput, StartInput, StatementInput, TimerInput } from "../../hearings/room";
import { RulingInput } from "../../hearings/ruling";
import { DecideChallengeInput, FileChallengeInput, HearingRef } from "../../hearings/challenges";
import { SeatAlternateInput } from "../../hearings/alternates";
import { AdjournInput } from "../../hearings/adjournment";
import { ReturnToVotingInput, RunoffInput } from "../../hearings/runoff";
import { HearingRatingInput } from "../../hearings/follow-ups";
import type { Services } from "../../services";
import { defineCommand, principalOf as p, type CommandContext } from "../registry";
import { createSnapshotCache } from "../snapshot-cache";
import type { IoSocket } from "../socket-server";

/** Anonymous hearing snapshots, shared by every spectator socket (keyed by the public room and its seq). */
// One cache per server (a test process may run several, with rooms of the same name).
const snapshotCaches = new WeakMap<Services, ReturnType<typeof createSnapshotCache>>();
function spectatorJoins(services: Services) {
  let cache = snapshotCaches.get(services);
  if (!cache) snapshotCaches.set(services, (cache = createSnapshotCache()));
  return cache;
}
/** The hearings in which this socket's juror is counted present (once per socket). */
const presentIn = new WeakMap<IoSocket, Set<number>>();

export const HearingId = z.object({ hearingId: z.number().int().positive() }).strict();

function join(ctx: CommandContext, hearingId: number) {
  const { hearings, live, db } = ctx.services;
  const { socket } = ctx;
  // A never-announced hearing answers like a missing one, before any room is joined (issue 12).
  const { role } = loadVisibleHearing(db, hearingId, p(ctx));
  const rooms = [hearingRooms.public(hearingId)];
  if (role.kind !== "spectator") rooms.push(hearingRooms.panel(hearingId));
  if (role.kind === "chair" || role.kind === "juror") rooms.push(hearingRooms.jury(hearingId));
  if (role.kind === "chair") rooms.push(hearingRooms.chair(hearingId));
  void socket.join(rooms);
  let joined = presentIn.get(socket);
  if (!joined) presentIn.set(socket, (joined = new Set()));
  if (role.kind === "juror" && !joined.has(hearingId)) {
    joined.add(hearingId);
    hearings.presence.join(hearingId, role.representativeId);
    broadcastPanel(ctx.services, hearingId);
    socket.once("disconnect", () => {
      hearings.presence.leave(hearingId, role.representativeId);
      broadcastPanel(ctx.services, hearingId);
    });
  }
  // Read the seqs and the snapshot in the same tick: nothing can be broadcast in between.
  const seqs = Object.fromEntries(rooms.map((r) => [r, live.seq(r)]));
  const principal = p(ctx);
  // A spectator's answer (one room, so the seq is the key) is the same for all: sent as cached text.
  if (principal.kind === "anonymous")
    return spectatorJoins(ctx.services)(rooms[0], seqs[rooms[0]], () => ({ snapshot: hearings.views.snapshot(principal, hearingId), seqs }));
  return { snapshot: hearings.views.snapshot(principal, hearingId), seqs };
}

function broadcastPanel(services: Services, hearingId: number) {
  services.live.coalesce(hearingRooms.public(hearingId), "hearing:panel", () => services.hearings.views.panel(loadHearing(services.db, hearingId), false));
}

/**
 * Socket commands of the hearing room. Thin on purpose: parse (in `command`), call the service
 * (which authorises for role, community and phase and writes one transaction), acknowledge.
 */
export const hearingCommands = {
  "hearing:join": defineCommand(HearingId, (ctx, { hearingId }) => join(ctx, hearingId)),
  "hearing:snapshot": defineCommand(HearingId, (ctx, { hearingId }) => join(ctx, hearingId)),
  "hearing:announce": defineCommand(AnnounceInput, (ctx, input) => (ctx.services.hearings.lifecycle.announce(p(ctx), input), null)),
  "hearing:cancel": defineCommand(CancelInput, (ctx, input) => (ctx.services.hearings.lifecycle.cancel(p(ctx), input), null)),
  "draw:open": defineCommand(OpenDrawInput, (ctx, input) => ctx.services.hearings.draw.open(p(ctx), input)),
  "draw:commit": defineCommand(CommitInput, (ctx, input) => ctx.services.hearings.draw.commit(p(ctx), input)),
  "draw:reveal": defineCommand(RevealInput, (ctx, input) => ctx.services.hearings.draw.reveal(p(ctx), input)),
  "draw:external": defineCommand(ExternalInput, (ctx, input) => ctx.services.hearings.draw.addExternal(p(ctx), input)),
  "draw:run": defineCommand(HearingId, (ctx, { hearingId }) => ctx.services.hearings.draw.draw(p(ctx), hearingId)),
  // 申请回避 is a request the mediator decides (issue 14, server/hearings/challenges.ts).
  "draw:challenge": defineCommand(FileChallengeInput, (ctx, input) => ctx.services.hearings.challenges.file(p(ctx), input)),
  "hearing:challenge_waive": defineCommand(HearingRef, (ctx, input) => ctx.services.hearings.challenges.waive(p(ctx), input)),
  "hearing:challenge_decide": defineCommand(DecideChallengeInput, (ctx, input) => ctx.services.hearings.challenges.decide(p(ctx), input)),
  "hearing:challenge_close": defineCommand(HearingRef, (ctx, input) => (ctx.services.hearings.challenges.closeWindow(p(ctx), input), null)),
  "hearing:start": defineCommand(StartInput, (ctx, input) => (ctx.services.hearings.room.start(p(ctx), input), null)),
  "hearing:seat_alternate": defineCommand(SeatAlternateInput, (ctx, input) => ctx.services.hearings.alternates.seatAlternate(p(ctx), input)),
  "hearing:adjourn": defineCommand(AdjournInput, (ctx, input) => (ctx.services.hearings.adjournment.adjourn(p(ctx), input), null)),
  "hearing:return_to_voting": defineCommand(ReturnToVotingInput, (ctx, input) => (ctx.services.hearings.runoff.returnToVoting(p(ctx), input), null)),
  "hearing:runoff": defineCommand(RunoffInput, (ctx, input) => (ctx.services.hearings.runoff.openRunoff(p(ctx), input), null)),
  "hearing:rate": defineCommand(HearingRatingInput, (ctx, input) => ctx.services.hearings.followUps.rate(p(ctx), input)),
  "hearing:advance": defineCommand(AdvanceInput, (ctx, input) => (ctx.services.hearings.room.advance(p(ctx), input), null)),
  "hearing:checkin": defineCommand(HearingId, (ctx, { hearingId }) => {
    const result = ctx.services.hearings.room.checkIn(p(ctx), hearingId);
    broadcastPanel(ctx.services, hearingId);
    return result;
  }),
  "hearing:floor": defineCommand(FloorInput, (ctx, input) => ctx.services.hearings.room.giveFloor(p(ctx), input)),
  "hearing:timer": defineCommand(TimerInput, (ctx, input) => ctx.services.hearings.room.timer(p(ctx), input)),
  "hearing:statement": defineCommand(StatementInput, (ctx, input) => ctx.services.hearings.room.postStatement(p(ctx), input)),
  "hearing:question": defineCommand(QuestionInput, (ctx, input) => ctx.services.hearings.room.askQuestion(p(ctx), input)),
  "hearing:put_question": defineCommand(PutQuestionInput, (ctx, input) => (ctx.services.hearings.room.putQuestion(p(ctx), input), null)),
  "hearing:deliberate": defineCommand(DeliberationInput, (ctx, input) => ctx.services.hearings.room.deliberate(p(ctx), input)),
  "exhibit:rule": defineCommand(RuleOnExhibitInput, (ctx, input) => (ctx.services.hearings.evidence.rule(p(ctx), input), null)),
  "exhibit:show": defineCommand(ShowExhibitInput, (ctx, input) => ctx.services.hearings.evidence.show(p(ctx), input)),
  "exhibit:opinion": defineCommand(OpinionInput, (ctx, input) => (ctx.services.hearings.evidence.addOpinion(p(ctx), input), null)),
  "hearing:ruling": defineCommand(RulingInput, (ctx, input) => (ctx.services.hearings.rulings.record(p(ctx), input), null)),
  "hearing:close": defineCommand(HearingId, (ctx, { hearingId }) => (ctx.services.hearings.rulings.close(p(ctx), hearingId), null)),
  "hearing:publish": defineCommand(HearingId, (ctx, { hearingId }) => (ctx.services.hearings.rulings.publish(p(ctx), hearingId), null)),
};
