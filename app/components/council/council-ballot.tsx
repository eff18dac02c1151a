import { LiveBallot } from "~/components/ballot/live-ballot";
import type { CouncilSnapshot } from "./types";

/**
 * The ballot of one item: the vote card for a voting member (the durable submission key lives in
 * useVote), the live tally for everyone (the hall, the public, the chair), and after a secret ballot
 * closes the published receipts with the member's own highlighted.
 */
export function CouncilBallot({ state, itemId, big = false }: { state: CouncilSnapshot; itemId: number; big?: boolean }) {
  const ballot = state.ballot.ballot && state.ballot.ballot.itemId === itemId ? state.ballot.ballot : null;
  const voter = state.role.kind === "member" && state.role.voting;
  if (!ballot) return null;
  return <LiveBallot ballot={ballot} mine={state.ballot.mine} receipts={state.receipts} voter={voter} big={big} />;
}
