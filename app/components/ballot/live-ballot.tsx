import { useTranslation } from "react-i18next";
import type { BallotView, MyVote, PublishedReceipt } from "../../../server/ballots/protocol";
import { useVote } from "~/live/use-vote";
import { formatTime } from "~/utils/format";
import { ReceiptList } from "./receipt-list";
import { TallyBoard } from "./tally-board";
import { VoteCard } from "./vote-card";

/**
 * A ballot inside a live room (a hearing's panel, a council item): the vote card for someone who may
 * vote (the durable submission key lives in useVote), the tally for everyone, and after a secret ballot
 * closes the published receipts with the viewer's own highlighted.
 */
export function LiveBallot(props: {
  ballot: BallotView;
  mine: MyVote | null;
  receipts: PublishedReceipt[] | null;
  /** The viewer may vote in this ballot (a juror, a voting member). */
  voter: boolean;
  big?: boolean;
}) {
  const { ballot, big = false } = props;
  const { i18n } = useTranslation();
  const voter = props.voter && !big;
  const vote = useVote(voter ? ballot.id : null, { closedSecret: ballot.secret && ballot.status === "closed" });
  // While open the card; afterwards only if this viewer voted (to show their receipt).
  const showCard = voter && (ballot.status === "open" || Boolean(props.mine?.voted) || Boolean(vote.receipt));
  return (
    // The vote card and the tally each title themselves with the question; no third heading here.
    <section className="stack" aria-label={ballot.question}>
      {showCard ? (
        <VoteCard
          ballot={ballot}
          mine={props.mine}
          receipt={vote.receipt}
          pendingOptionId={vote.pendingOptionId}
          error={vote.error}
          onCast={vote.cast}
          formatTime={(iso) => formatTime(iso, i18n.language)}
        />
      ) : null}
      <TallyBoard ballot={ballot} size={big ? "big" : "normal"} showVoters={!ballot.secret} />
      {props.receipts && ballot.status === "closed" && !big ? <ReceiptList receipts={props.receipts} options={ballot.options} ownReceipt={vote.receipt} /> : null}
    </section>
  );
}
