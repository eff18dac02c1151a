import { useTranslation } from "react-i18next";
import { ReceiptList, TallyBoard, VoteCard } from "~/components/ballot";
import { useVote } from "~/live/use-vote";
import { formatTime } from "~/utils/format";
import type { HearingSnapshot } from "./types";

/**
 * The panel's vote inside the hearing room: a juror's vote card, everyone's tally, and after a secret
 * ballot closes the published receipts (the juror's own highlighted).
 */
export function HearingBallot({ state, big = false }: { state: HearingSnapshot; big?: boolean }) {
  const { i18n } = useTranslation();
  const ballot = state.ballot.ballot;
  const isJuror = state.role.kind === "juror";
  const vote = useVote(isJuror && ballot ? ballot.id : null);
  if (!ballot) return null;
  const eligible = isJuror && !big;
  return (
    // The vote card and the tally each title themselves with the question; no third heading here.
    <section className="stack" aria-label={ballot.question}>
      {eligible ? (
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
      {state.receipts && !big ? <ReceiptList receipts={state.receipts} options={ballot.options} ownReceipt={vote.receipt} /> : null}
    </section>
  );
}
