import { useState } from "react";
import { SystemText, OptionText, UserText } from "~/components/system-text";
import { useTranslation } from "react-i18next";
import { CommandForm } from "./command-form";
import type { HearingSnapshot } from "./types";

/**
 * The climax in the room (issue 14): once the ruling is published, every open page — the big screen,
 * jurors' and parties' phones, spectators, the console — shows the result, the reasons and the 说法,
 * live. A closed ballot that no position passed is announced as 评理团未形成多数意见 with its counts.
 */
export function RulingAnnouncement({ state, big = false }: { state: HearingSnapshot; big?: boolean }) {
  const { t } = useTranslation();
  const h = state.hearing;
  if (h.status !== "published" || !state.ruling) return null;
  const ballot = state.ballot.ballot && state.ballot.ballot.id === state.ruling.ballotId ? state.ballot.ballot : null;
  const result = ballot?.result ?? null;
  const passed = result?.outcome === "passed" || !!result?.resolution;
  const winner = result?.resolution?.optionId ?? result?.winningOptionId ?? null;
  return (
    <section className={`card stack ruling-announcement${big ? " card--big" : ""}`} aria-labelledby="ruling-announced-title" aria-live="assertive" data-testid="ruling-announcement">
      <h2 id="ruling-announced-title">{t("procedure.ruling.announced")}</h2>
      {ballot && result ? (
        <div className="stack">
          <h3>{t("procedure.ruling.result")}</h3>
          {ballot.question.startsWith("决选") ? <p className="badge">{t("procedure.voting.runoffHeld")}</p> : null}
          <ul className="list">
            {ballot.options.map((o) => (
              <li key={o.id}>
                <strong>
                  <OptionText option={o} />
                </strong>
                {t("ballot.tally.colon")}
                <span className="tabular">{t("ballot.tally.votes", { count: result.counts[o.id] ?? 0 })}</span>
                {winner === o.id ? " ✓" : ""}
              </li>
            ))}
          </ul>
          {!passed ? <p className="alert alert--info">{t("procedure.voting.noMajority")}</p> : null}
        </div>
      ) : null}
      <h3>{t("hearing.public.reasons")}</h3>
      <p style={{ whiteSpace: "pre-wrap" }} data-user-content>
        {state.ruling.reasons}
      </p>
      <h3>{t("hearing.public.saying")}</h3>
      <p style={{ whiteSpace: "pre-wrap" }} data-testid="ruling-saying" data-user-content>
        {state.ruling.saying}
      </p>
      {state.role.kind === "party" ? <PartyFollowUp state={state} /> : null}
    </section>
  );
}

/** A party's link to the published ruling and their one 回访评价. */
function PartyFollowUp({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const h = state.hearing;
  const ratings = ["satisfied", "basically", "unsatisfied"] as const;
  const [rated, setRated] = useState<string | null>(state.myRating?.rating ?? null);
  return (
    <div className="stack" data-testid="follow-up">
      <p>
        <a href={`/hearings/${h.id}`}>{t("procedure.ruling.link")}</a>
      </p>
      <h3>{t("procedure.rating.title")}</h3>
      {rated ? (
        <p className="alert alert--success" role="status">
          {t("procedure.rating.thanks", { rating: t(`procedure.rating.${rated}`) })}
        </p>
      ) : (
        <CommandForm
          event="hearing:rate"
          submitLabel={t("procedure.rating.submit")}
          onDone={(data) => setRated((data as { rating: string }).rating)}
          payload={(f) => {
            const comment = String(f.get("comment") ?? "").trim();
            return { hearingId: h.id, rating: String(f.get("rating") ?? ""), ...(comment ? { comment } : {}) };
          }}
        >
          <p className="muted">{t("procedure.rating.hint")}</p>
          <fieldset className="stack">
            <legend>{t("procedure.rating.title")}</legend>
            {ratings.map((r) => (
              <label key={r} className="row">
                <input type="radio" name="rating" value={r} required /> {t(`procedure.rating.${r}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="rating-comment">{t("procedure.rating.comment")}</label>
            <textarea id="rating-comment" name="comment" className="input" rows={2} maxLength={1000} />
          </div>
        </CommandForm>
      )}
    </div>
  );
}
