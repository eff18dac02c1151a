import { useEffect, useRef, useState } from "react";
import { OptionText, UserText } from "~/components/system-text";
import { AlertDialog, RadioGroup } from "radix-ui";
import { useTranslation } from "react-i18next";
import type { BallotView, MyVote } from "../../../server/ballots/protocol";
import { errorMessage, type ErrorPayload } from "~/utils/errors";
import { formatReceipt, optionLabel } from "./format";

export type VoteCardProps = {
  ballot: BallotView;
  /** The viewer's vote as the server knows it (`ballot:state`); for a secret ballot only `voted`. */
  mine: MyVote | null;
  /** The receipt this device holds (kept in localStorage with its key until acknowledged, then kept for checking). */
  receipt?: string | null;
  /** The option just submitted, while its acknowledgement is awaited. */
  pendingOptionId?: string | null;
  error?: ErrorPayload | null;
  /** Called after the voter confirmed; the caller sends `ballot:cast` with its stored key. */
  onCast(optionId: string): void;
  /** Formats closesAt for display (the page knows the language and time zone). */
  formatTime?: (iso: string) => string;
};

/**
 * The juror's phone card: the question, one large button per option, a confirmation step, the
 * pending state, then the receipt. Announces the ballot's opening and result to screen readers.
 */
export function VoteCard({ ballot, mine, receipt: heldReceipt, pendingOptionId, error, onCast, formatTime }: VoteCardProps) {
  const { t } = useTranslation();
  // An open ballot's receipt is also known to the server; a secret ballot's only to this device.
  const receipt = heldReceipt ?? mine?.receipt ?? null;
  const [choice, setChoice] = useState<string>("");
  const [confirming, setConfirming] = useState(false);
  const [changing, setChanging] = useState(false);
  const pending = Boolean(pendingOptionId);
  const voted = Boolean(mine?.voted || receipt);
  const closed = ballot.status === "closed";
  const showChoices = !closed && !pending && (!voted || changing);

  // A ballot that opens while the phone shows something else comes into view (issue 14: in large-text
  // mode it used to open below the fold with no cue); the status line below announces it.
  const card = useRef<HTMLElement>(null);
  const needsVote = !closed && !voted;
  useEffect(() => {
    if (needsVote) card.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [ballot.id, needsVote]);

  // A fresh acknowledgement ends a change of vote.
  useEffect(() => {
    if (receipt) setChanging(false);
  }, [receipt]);

  const announcement = closed
    ? ballot.result
      ? t("ballot.vote.announceResult", { outcome: t(`ballot.outcome.${ballot.result.outcome}`) })
      : t("ballot.vote.closed")
    : voted && !changing
      ? t("ballot.vote.announceRecorded")
      : t("ballot.vote.announceOpened", { question: ballot.question });

  return (
    <section ref={card} className="ballot-card" aria-labelledby={`ballot-${ballot.id}-question`} data-state={closed ? "closed" : voted ? "voted" : "open"}>
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      <div className="ballot-card__meta">
        <span className="badge">{t(ballot.secret ? "ballot.mode.secret" : "ballot.mode.open")}</span>
        {ballot.closesAt && !closed ? (
          <span className="muted tabular">{t("ballot.vote.closesAt", { time: formatTime ? formatTime(ballot.closesAt) : ballot.closesAt })}</span>
        ) : null}
      </div>
      <h2 id={`ballot-${ballot.id}-question`} className="ballot-card__question">
        <UserText>{ballot.question}</UserText>
      </h2>

      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}

      {showChoices ? (
        <>
          <RadioGroup.Root
            className="ballot-options"
            value={choice}
            onValueChange={setChoice}
            aria-label={t("ballot.vote.chooseLabel")}
            orientation="vertical"
          >
            {ballot.options.map((o) => (
              <RadioGroup.Item key={o.id} value={o.id} className="ballot-option">
                <span className="ballot-option__mark" aria-hidden="true">
                  <RadioGroup.Indicator className="ballot-option__dot" />
                </span>
                <span>
                  <OptionText option={o} />
                </span>
              </RadioGroup.Item>
            ))}
          </RadioGroup.Root>

          <AlertDialog.Root open={confirming} onOpenChange={setConfirming}>
            <AlertDialog.Trigger asChild>
              <button type="button" className="button button--primary button--block ballot-card__submit" disabled={!choice}>
                {t("ballot.vote.confirm")}
              </button>
            </AlertDialog.Trigger>
            <AlertDialog.Portal>
              <AlertDialog.Overlay className="ballot-dialog__overlay" />
              <AlertDialog.Content className="ballot-dialog">
                <AlertDialog.Title className="ballot-dialog__title">{t("ballot.vote.confirmTitle")}</AlertDialog.Title>
                <AlertDialog.Description className="ballot-dialog__body">
                  {t(ballot.allowChange ? "ballot.vote.confirmBodyChangeable" : "ballot.vote.confirmBody", { option: optionLabel(ballot.options, choice, t) })}
                </AlertDialog.Description>
                <div className="ballot-dialog__actions">
                  <AlertDialog.Cancel asChild>
                    <button type="button" className="button">
                      {t("ballot.vote.back")}
                    </button>
                  </AlertDialog.Cancel>
                  <AlertDialog.Action asChild>
                    <button type="button" className="button button--primary" onClick={() => onCast(choice)}>
                      {t("ballot.vote.submit")}
                    </button>
                  </AlertDialog.Action>
                </div>
              </AlertDialog.Content>
            </AlertDialog.Portal>
          </AlertDialog.Root>
        </>
      ) : null}

      {pending ? (
        <p className="ballot-card__pending" aria-busy="true">
          <span className="ballot-spinner" aria-hidden="true" />
          {t("ballot.vote.pending")}
        </p>
      ) : null}

      {voted && !pending && !changing ? (
        <div className="ballot-receipt">
          {!ballot.secret && mine?.optionId ? <p className="ballot-receipt__choice">{t("ballot.vote.yourChoice", { option: optionLabel(ballot.options, mine.optionId, t) })}</p> : null}
          {receipt ? (
            <>
              <p className="ballot-receipt__title">{t("ballot.vote.receiptTitle")}</p>
              <p className="ballot-receipt__code mono tabular">{formatReceipt(receipt)}</p>
              <p className="muted">{t(ballot.secret ? "ballot.vote.receiptNoteSecret" : "ballot.vote.receiptNoteOpen")}</p>
            </>
          ) : (
            <p className="muted">{t("ballot.vote.votedElsewhere")}</p>
          )}
          {ballot.allowChange && !ballot.secret && !closed ? (
            <button type="button" className="button button--block" onClick={() => setChanging(true)}>
              {t("ballot.vote.change")}
            </button>
          ) : null}
        </div>
      ) : null}

      {closed && !voted ? <p className="muted">{t("ballot.vote.closed")}</p> : null}
    </section>
  );
}
