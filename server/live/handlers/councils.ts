import { z } from "zod";
import { councilRoom, loadVisibleCouncil } from "../../councils/access";
import { CouncilRef, ItemCommand, OpinionInput, ResolveTieInput, StartCouncilInput } from "../../councils/room";
import type { Services } from "../../services";
import { command } from "../command";
import { createSnapshotCache } from "../snapshot-cache";

/** Anonymous council snapshots, shared by every spectator socket (keyed by room and seq). */
// One cache per server (a test process may run several, with rooms of the same name).
const snapshotCaches = new WeakMap<Services, ReturnType<typeof createSnapshotCache<unknown>>>();
import type { IoSocket } from "../socket-server";

/**
 * Socket commands of the council room. Thin on purpose: parse (in `command`), call the service
 * (which authorises for role, community and state and writes one transaction), acknowledge.
 * Announcing, the agenda and the participants are edited through the console's forms (HTTP).
 */
export function registerCouncilHandlers(socket: IoSocket, services: Services): void {
  const { councils, live, log, db } = services;
  const p = () => socket.data.principal;
  const spectatorSnapshots = () => {
    let cache = snapshotCaches.get(services);
    if (!cache) snapshotCaches.set(services, (cache = createSnapshotCache<unknown>()));
    return cache;
  };
  const on = <S extends z.ZodTypeAny, T>(event: string, schema: S, handler: (input: z.infer<S>) => T | Promise<T>) =>
    socket.on(event as never, command(schema, log, handler) as never);

  /** One public room per council: everything in a council is shown to everyone watching it. */
  function join(councilId: number) {
    // A never-announced council answers like a missing one, before the room is joined (issue 12).
    const room = councilRoom(loadVisibleCouncil(db, councilId, p()).council.id);
    void socket.join(room);
    // Read the seq and the snapshot in the same tick: nothing can be broadcast in between.
    const seq = live.seq(room);
    const principal = p();
    const snapshot =
      principal.kind === "anonymous"
        ? (spectatorSnapshots()(room, seq, () => councils.views.snapshot(principal, councilId)) as ReturnType<typeof councils.views.snapshot>)
        : councils.views.snapshot(principal, councilId);
    return { snapshot, seqs: { [room]: seq } };
  }

  on("council:join", CouncilRef, ({ councilId }) => join(councilId));
  on("council:snapshot", CouncilRef, ({ councilId }) => join(councilId));
  on("council:start", StartCouncilInput, (input) => (councils.room.start(p(), input), null));
  on("council:checkin", CouncilRef, ({ councilId }) => councils.room.checkIn(p(), councilId));
  on("council:open_item", ItemCommand, (input) => (councils.room.openItem(p(), input), null));
  on("council:defer_item", ItemCommand, (input) => (councils.room.deferItem(p(), input), null));
  on("council:opinion", OpinionInput, (input) => councils.room.postOpinion(p(), input));
  on("council:vote", ItemCommand, (input) => councils.room.putToVote(p(), input));
  on("council:resolve_tie", ResolveTieInput, (input) => (councils.room.resolveTie(p(), input), null));
  on("council:end", CouncilRef, ({ councilId }) => (councils.room.end(p(), councilId), null));
}
