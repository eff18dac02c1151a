import { LiveBallot } from "~/components/ballot/live-ballot";
import type { HearingSnapshot } from "./types";

/** The panel's vote inside the hearing room; the jurors are its voters. */
export function HearingBallot({ state, big = false }: { state: HearingSnapshot; big?: boolean }) {
  const ballot = state.ballot.ballot;
  if (!ballot) return null;
  return <LiveBallot ballot={ballot} mine={state.ballot.mine} receipts={state.receipts} voter={state.role.kind === "juror" && state.onOpenBallot !== false} big={big} />;
}
