import { useTranslation } from "react-i18next";
import { ReceiptList, TallyBoard, VoteCard } from "~/components/ballot";
import { useVote } from "~/live/use-vote";
import { formatTime } from "~/utils/format";
import type { CouncilSnapshot } from "./types";

/**
 * The ballot of one item: the vote card for a voting member (the durable submission key lives in
 * useVote), the live tally for everyone (the hall, the public, the chair), and after a secret ballot
 * closes the published receipts with the member's own highlighted.
 */
export function CouncilBallot({ state, itemId, big = false }: { state: CouncilSnapshot; itemId: number; big?: boolean }) {
  const { i18n } = useTranslation();
  const ballot = state.ballot.ballot && state.ballot.ballot.itemId === itemId ? state.ballot.ballot : null;
  const voter = state.role.kind === "member" && state.role.voting && !big;
  const vote = useVote(voter && ballot ? ballot.id : null);
  if (!ballot) return null;
  // A voting member sees the card while the ballot is open, and afterwards their receipt.
  const showCard = voter && (ballot.status === "open" || Boolean(state.ballot.mine?.voted) || Boolean(vote.receipt));
  return (
    <div className="stack">
      {showCard ? (
        <VoteCard
          ballot={ballot}
          mine={state.ballot.mine}
          receipt={vote.receipt}
          pendingOptionId={vote.pendingOptionId}
          error={vote.error}
          onCast={vote.cast}
          formatTime={(iso) => formatTime(iso, i18n.language)}
        />
      ) : null}
      <TallyBoard ballot={ballot} size={big ? "big" : "normal"} showVoters={!ballot.secret} />
      {state.receipts && ballot.status === "closed" && !big ? <ReceiptList receipts={state.receipts} options={ballot.options} ownReceipt={vote.receipt} /> : null}
    </div>
  );
}
