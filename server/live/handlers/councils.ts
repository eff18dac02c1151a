import { councilRoom, loadVisibleCouncil } from "../../councils/access";
import { CouncilRef, ItemCommand, OpinionInput, ResolveTieInput, StartCouncilInput } from "../../councils/room";
import type { Services } from "../../services";
import { defineCommand, principalOf as p, type CommandContext } from "../registry";
import { createSnapshotCache } from "../snapshot-cache";

/** Anonymous council snapshots, shared by every spectator socket (keyed by room and seq). */
// One cache per server (a test process may run several, with rooms of the same name).
const snapshotCaches = new WeakMap<Services, ReturnType<typeof createSnapshotCache>>();
function spectatorJoins(services: Services) {
  let cache = snapshotCaches.get(services);
  if (!cache) snapshotCaches.set(services, (cache = createSnapshotCache()));
  return cache;
}

/** One public room per council: everything in a council is shown to everyone watching it. */
function join(ctx: CommandContext, councilId: number) {
  const { councils, live, db } = ctx.services;
  // A never-announced council answers like a missing one, before the room is joined (issue 12).
  const room = councilRoom(loadVisibleCouncil(db, councilId, p(ctx)).council.id);
  void ctx.socket.join(room);
  // Read the seq and the snapshot in the same tick: nothing can be broadcast in between.
  const seq = live.seq(room);
  const principal = p(ctx);
  const seqs = { [room]: seq };
  // A spectator's answer is the same for all: sent as cached text.
  if (principal.kind === "anonymous") return spectatorJoins(ctx.services)(room, seq, () => ({ snapshot: councils.views.snapshot(principal, councilId), seqs }));
  return { snapshot: councils.views.snapshot(principal, councilId), seqs };
}

/**
 * Socket commands of the council room. Thin on purpose: parse (in `command`), call the service
 * (which authorises for role, community and state and writes one transaction), acknowledge.
 * Announcing, the agenda and the participants are edited through the console's forms (HTTP).
 */
export const councilCommands = {
  "council:join": defineCommand(CouncilRef, (ctx, { councilId }) => join(ctx, councilId)),
  "council:snapshot": defineCommand(CouncilRef, (ctx, { councilId }) => join(ctx, councilId)),
  "council:start": defineCommand(StartCouncilInput, (ctx, input) => (ctx.services.councils.room.start(p(ctx), input), null)),
  "council:checkin": defineCommand(CouncilRef, (ctx, { councilId }) => ctx.services.councils.room.checkIn(p(ctx), councilId)),
  "council:open_item": defineCommand(ItemCommand, (ctx, input) => (ctx.services.councils.room.openItem(p(ctx), input), null)),
  "council:defer_item": defineCommand(ItemCommand, (ctx, input) => (ctx.services.councils.room.deferItem(p(ctx), input), null)),
  "council:opinion": defineCommand(OpinionInput, (ctx, input) => ctx.services.councils.room.postOpinion(p(ctx), input)),
  "council:vote": defineCommand(ItemCommand, (ctx, input) => ctx.services.councils.room.putToVote(p(ctx), input)),
  "council:resolve_tie": defineCommand(ResolveTieInput, (ctx, input) => (ctx.services.councils.room.resolveTie(p(ctx), input), null)),
  "council:end": defineCommand(CouncilRef, (ctx, { councilId }) => (ctx.services.councils.room.end(p(ctx), councilId), null)),
};
