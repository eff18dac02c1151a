import { useTranslation } from "react-i18next";
import { SystemText, UserText, systemString } from "~/components/system-text";
import { CommandForm } from "./command-form";
import type { HearingSnapshot } from "./types";

/**
 * 申请回避 (issue 14): after the draw and before the start. Parties see the seated jurors by name and
 * category, challenge with a reason or waive; the mediator grants or refuses each request with a
 * reason and closes the window. The public never receives this section's data (server/hearings/views.ts).
 */
export function ChallengePanel({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const h = state.hearing;
  const role = state.role;
  if (role.kind !== "party" && role.kind !== "chair") return null;
  const drawn = state.draw?.status === "drawn";
  if (!drawn || (h.status !== "drawing" && state.challenges.length === 0)) return null;
  const open = h.status === "drawing" && !h.challengeWindowClosed;
  const seated = state.panel.filter((s) => s.role === "juror" && s.status === "active");
  const label = (pseudonym: string | null) => {
    const seat = state.panel.find((s) => s.pseudonym === pseudonym);
    return seat ? `${systemString(t, seat.label)} ${seat.name ?? ""}` : (pseudonym ?? "");
  };
  const category = (c: string) => t(`procedure.category.${c}`, { defaultValue: c });
  const mine = role.kind === "party" ? state.challenges.filter((c) => c.partyId === role.partyId) : [];
  const waived = mine.some((c) => c.kind === "waiver");
  const used = mine.filter((c) => c.kind === "challenge" && c.status !== "refused").length;
  const left = h.challengesPerParty - used;

  return (
    <section className="card stack" aria-labelledby="challenge-title" data-testid="challenges">
      <h2 id="challenge-title">{t("procedure.challenge.title")}</h2>
      <p className="muted">{t("procedure.challenge.hint", { count: h.challengesPerParty })}</p>
      <ul className="list">
        {seated.map((s) => (
          <li key={s.pseudonym ?? s.label}>
            <strong>
              <SystemText text={s.label} />
            </strong>{" "}
            <SystemText text={s.name ?? ""} /> · {category(s.category)}
          </li>
        ))}
      </ul>

      <ul className="list" aria-live="polite">
        {state.challenges.length === 0 ? <li className="muted">{t("procedure.challenge.none")}</li> : null}
        {state.challenges.map((c) => (
          <li key={c.id} className="stack" data-testid="challenge-request">
            <span>
              {c.kind === "waiver" ? `${c.side} ${t("procedure.challenge.waived")}` : t("procedure.challenge.line", { side: c.side, juror: label(c.juror), reason: c.reason })}{" "}
              <span className="badge">{t(`procedure.challenge.status.${c.status}`)}</span>
              {c.decisionReason ? <span className="muted">（{c.decisionReason}）</span> : null}
            </span>
            {role.kind === "chair" && c.status === "pending" ? (
              <div className="row">
                {(["grant", "refuse"] as const).map((kind) => (
                  <CommandForm
                    key={kind}
                    event="hearing:challenge_decide"
                    variant={kind === "grant" ? "primary" : "plain"}
                    submitLabel={t(`procedure.challenge.${kind}`)}
                    payload={(f) => ({ hearingId: h.id, requestId: c.id, grant: kind === "grant", reason: String(f.get("reason") ?? "") })}
                  >
                    <div className="field">
                      <label htmlFor={`decide-${kind}-${c.id}`}>{t("procedure.challenge.decisionReason")}</label>
                      <input id={`decide-${kind}-${c.id}`} name="reason" className="input" required minLength={2} maxLength={500} />
                    </div>
                  </CommandForm>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>

      {!open && h.status === "drawing" ? <p className="muted">{t("procedure.challenge.windowClosed")}</p> : null}

      {open && role.kind === "party" && !waived && left > 0 ? (
        <>
          <CommandForm
            event="draw:challenge"
            variant="plain"
            submitLabel={t("procedure.challenge.submit")}
            payload={(f) => ({ hearingId: h.id, juror: String(f.get("juror") ?? ""), reason: String(f.get("reason") ?? "") })}
          >
            <p className="muted">{t("hearing.draw.challengesLeft", { count: left })}</p>
            <div className="field">
              <label htmlFor="challenge-juror">{t("procedure.challenge.juror")}</label>
              <select id="challenge-juror" name="juror" className="input" required>
                {seated.map((s) => (
                  <option key={s.pseudonym} value={s.pseudonym ?? ""}>
                    {t("procedure.challenge.option", { label: systemString(t, s.label), name: s.name ?? "", category: category(s.category) })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="challenge-reason">{t("procedure.challenge.reason")}</label>
              <input id="challenge-reason" name="reason" className="input" required minLength={2} maxLength={500} />
            </div>
          </CommandForm>
          <CommandForm event="hearing:challenge_waive" variant="plain" submitLabel={t("procedure.challenge.waive")} payload={() => ({ hearingId: h.id })} />
        </>
      ) : null}

      {open && role.kind === "chair" ? (
        <CommandForm event="hearing:challenge_close" variant="plain" submitLabel={t("procedure.challenge.closeWindow")} payload={() => ({ hearingId: h.id })} />
      ) : null}
    </section>
  );
}
