import { BallotIdSchema, BallotStateSchema, CastVoteSchema, OpenBallotSchema, ResolveTieSchema } from "../../ballots/schemas";
import { defineCommand, principalOf as p } from "../registry";

/** Ballot commands: parse → service (one transaction, broadcast after commit) → ack. */
export const ballotCommands = {
  "ballot:open": defineCommand(OpenBallotSchema, (ctx, input) => ctx.services.ballots.open(p(ctx), input)),
  "ballot:cast": defineCommand(CastVoteSchema, (ctx, input) => ctx.services.ballots.cast(p(ctx), input)),
  "ballot:close": defineCommand(BallotIdSchema, (ctx, input) => ctx.services.ballots.close(p(ctx), input)),
  "ballot:resolve_tie": defineCommand(ResolveTieSchema, (ctx, input) => ctx.services.ballots.resolveTie(p(ctx), input)),
  "ballot:state": defineCommand(BallotStateSchema, (ctx, input) => {
    const state = ctx.services.ballots.state(p(ctx), input);
    // Joined in the same tick as the snapshot was taken: the next event in the room is seq + 1.
    if (state.room) void ctx.socket.join(state.room);
    return state;
  }),
  "ballot:receipts": defineCommand(BallotIdSchema, (ctx, input) => ctx.services.ballots.receipts(input)),
};
