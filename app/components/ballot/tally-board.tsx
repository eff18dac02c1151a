import type { CSSProperties } from "react";
import { OptionText, UserText } from "~/components/system-text";
import { Progress } from "radix-ui";
import { useTranslation } from "react-i18next";
import type { BallotTally, BallotView } from "../../../server/ballots/protocol";
import { optionLabel, percent, voterLabel } from "./format";

export type TallyBoardProps = {
  ballot: BallotView;
  /** The latest `ballot:tally` event, if newer than the ballot's snapshot. */
  tally?: BallotTally | null;
  /** `big`: the hall projector, readable from the back row. */
  size?: "normal" | "big";
  /** List who voted what (open ballots only; the page decides whether the audience should see names). */
  showVoters?: boolean;
};

/**
 * Turnout, per-option bars (open ballots live; secret ballots once closed) and the result badge.
 * The same component serves phones, the chair's console and the big screen.
 */
export function TallyBoard({ ballot, tally, size = "normal", showVoters = false }: TallyBoardProps) {
  const { t } = useTranslation();
  const live = tally && tally.ballotId === ballot.id ? tally : ballot.tally;
  const result = ballot.status === "closed" ? ballot.result : null;
  const cast = result?.cast ?? live.cast;
  const eligible = result?.eligible ?? live.eligible;
  const counts = result?.counts ?? live.counts;
  const missing = Math.max(0, ballot.quorum - cast);
  const turnoutPct = percent(cast, eligible);

  return (
    <section className="ballot-tally" data-size={size} data-state={ballot.status} aria-labelledby={`tally-${ballot.id}-question`}>
      <div className="ballot-tally__head">
        <h2 id={`tally-${ballot.id}-question`} className="ballot-tally__question">
          <UserText>{ballot.question}</UserText>
        </h2>
        {result ? (
          <span className="ballot-result" data-outcome={result.outcome} role="status" aria-live="polite">
            {t(`ballot.outcome.${result.outcome}`)}
          </span>
        ) : (
          <span className="ballot-live-badge">{t("ballot.tally.live")}</span>
        )}
      </div>

      <div className="ballot-turnout">
        <div className="ballot-turnout__figures">
          <span className="ballot-turnout__count tabular" aria-live={result ? undefined : "polite"}>
            {t("ballot.tally.turnout", { cast, eligible })}
          </span>
          <span className="muted tabular">
            {t("ballot.tally.quorum", { quorum: ballot.quorum })} ·{" "}
            {missing === 0 ? t("ballot.tally.quorumMet") : t("ballot.tally.quorumMissing", { missing })}
          </span>
        </div>
        <Progress.Root className="ballot-progress" value={cast} max={Math.max(eligible, 1)} aria-label={t("ballot.tally.turnoutLabel")}>
          <Progress.Indicator className="ballot-progress__indicator" style={{ transform: `translateX(-${100 - turnoutPct}%)` }} />
        </Progress.Root>
      </div>

      {counts ? (
        <ul className="ballot-bars">
          {ballot.options.map((o) => {
            const n = counts[o.id] ?? 0;
            const share = percent(n, cast);
            const winner = result?.winningOptionId === o.id || result?.resolution?.optionId === o.id;
            return (
              <li key={o.id} className="ballot-bar" data-winner={winner ? "true" : undefined} data-tied={result?.tiedOptionIds.includes(o.id) ? "true" : undefined}>
                <div className="ballot-bar__label">
                  <span>
                  <OptionText option={o} />
                </span>
                  <span className="tabular">
                    {t("ballot.tally.votes", { count: n })} <span className="muted">{t("ballot.tally.share", { percent: share })}</span>
                  </span>
                </div>
                <div className="ballot-bar__track" aria-hidden="true">
                  <div className="ballot-bar__fill" style={{ "--ballot-share": `${share}%` } as CSSProperties} />
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t("ballot.tally.secretHidden")}</p>
      )}

      {result ? <ResultDetails ballot={ballot} /> : null}

      {showVoters && !ballot.secret && live.voters && live.voters.length > 0 ? (
        <details className="ballot-voters">
          <summary>{t("ballot.tally.voters")}</summary>
          <ul>
            {live.voters.map((v, i) => (
              <li key={i}>
                {voterLabel(t, v.voter)} — {optionLabel(ballot.options, v.optionId, t)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ResultDetails({ ballot }: { ballot: BallotView }) {
  const { t } = useTranslation();
  const result = ballot.result!;
  return (
    <div className="ballot-result-details">
      {result.winningOptionId ? <p className="ballot-result-details__winner">{t("ballot.tally.winner", { option: optionLabel(ballot.options, result.winningOptionId, t) })}</p> : null}
      {result.outcome === "tie" && result.resolution ? (
        <>
          <p className="ballot-result-details__winner">{t("ballot.tally.resolution", { option: optionLabel(ballot.options, result.resolution.optionId, t) })}</p>
          <p className="muted">{t("ballot.tally.resolutionReason", { reason: result.resolution.reason })}</p>
        </>
      ) : null}
      {result.outcome === "tie" && !result.resolution ? (
        <p>{t(ballot.tieRule === "revote" ? "ballot.tally.revoteNeeded" : "ballot.tally.awaitingDecision")}</p>
      ) : null}
      <p className="muted">
        {t(`ballot.threshold.${result.threshold}`)}
        {result.required > 0 ? ` · ${t("ballot.tally.required", { required: result.required })}` : ""}
      </p>
    </div>
  );
}
