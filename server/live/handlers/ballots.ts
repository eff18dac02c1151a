import { BallotIdSchema, BallotStateSchema, CastVoteSchema, OpenBallotSchema, ResolveTieSchema } from "../../ballots/schemas";
import type { Services } from "../../services";
import { command } from "../command";
import type { IoSocket } from "../socket-server";

/** Ballot commands: parse → service (one transaction, broadcast after commit) → ack. */
export function registerBallotHandlers(socket: IoSocket, services: Services): void {
  const { ballots, log } = services;
  const principal = () => socket.data.principal;

  socket.on("ballot:open", command(OpenBallotSchema, log, (input) => ballots.open(principal(), input)));
  socket.on("ballot:cast", command(CastVoteSchema, log, (input) => ballots.cast(principal(), input)));
  socket.on("ballot:close", command(BallotIdSchema, log, (input) => ballots.close(principal(), input)));
  socket.on("ballot:resolve_tie", command(ResolveTieSchema, log, (input) => ballots.resolveTie(principal(), input)));
  socket.on(
    "ballot:state",
    command(BallotStateSchema, log, (input) => {
      const state = ballots.state(principal(), input);
      // Joined in the same tick as the snapshot was taken: the next event in the room is seq + 1.
      if (state.room) void socket.join(state.room);
      return state;
    }),
  );
  socket.on("ballot:receipts", command(BallotIdSchema, log, (input) => ballots.receipts(input)));
}
