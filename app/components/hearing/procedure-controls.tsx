import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/format";
import { CommandForm } from "./command-form";
import type { HearingSnapshot } from "./types";

/** `<input type="datetime-local">` has no zone: the console means Beijing time. */
const beijing = (v: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+08:00` : v);
/** An ISO time as the value of a datetime-local input, in Beijing time. */
const localValue = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

/**
 * The chair's ways forward (issue 14): start (with a reason before the announced time), seat
 * alternates when jurors do not come, adjourn and reschedule, cancel while live, go back to voting
 * and hold a runoff. Every state of the hearing has at least one of these or the phase button.
 */
export function ProcedureControls({ state }: { state: HearingSnapshot }) {
  const { t, i18n } = useTranslation();
  const h = state.hearing;
  const hearingId = h.id;
  const [notice, setNotice] = useState<string | null>(null);
  const jurors = state.panel.filter((s) => s.role === "juror" && s.status === "active");
  const absent = jurors.filter((s) => !s.checkedIn).length;
  const alternates = state.panel.filter((s) => s.role === "alternate" && s.status === "active").length;
  const ballot = state.ballot.ballot;
  const positions = ballot ? ballot.options.filter((o) => o.id !== "abstain").length : 0;
  const undecided = ballot?.status === "closed" && ballot.result && ballot.result.outcome !== "passed" && !ballot.result.resolution;

  return (
    <div className="stack" data-testid="procedure-controls">
      {notice ? (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}

      {h.status === "drawing" && state.draw?.status === "drawn" ? (
        <CommandForm
          event="hearing:start"
          submitLabel={t("hearing.console.start")}
          payload={(f) => {
            const reason = String(f.get("reason") ?? "").trim();
            return { hearingId, ...(reason ? { reason } : {}) };
          }}
        >
          <p>{t("procedure.start.scheduled", { time: formatDateTime(h.scheduledAt, i18n.language) })}</p>
          <p className="muted">{t("procedure.start.earlyHint", { minutes: 15 })}</p>
          {state.startBlockedBy ? (
            <p className="alert alert--info" data-testid="start-blocked">
              {t(`procedure.start.blocked.${state.startBlockedBy}`)}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="early-start-reason">{t("procedure.start.reason")}</label>
            <input id="early-start-reason" name="reason" className="input" maxLength={500} />
          </div>
        </CommandForm>
      ) : null}

      {h.status === "live" && h.phase === "checkin" && absent > 0 ? (
        <div className="stack" data-testid="alternates">
          <h3>{t("procedure.alternates.title")}</h3>
          <p className="muted">
            {t("procedure.alternates.hint")} {t("procedure.alternates.left", { count: alternates })}
          </p>
          {alternates > 0 ? (
            <CommandForm
              event="hearing:seat_alternate"
              variant="plain"
              submitLabel={t("procedure.alternates.seat")}
              payload={() => ({ hearingId })}
              onDone={(data) => setNotice(t("procedure.alternates.seated", { seat: (data as { seat: number }).seat }))}
            />
          ) : (
            <p className="alert alert--info">{t("procedure.alternates.none")}</p>
          )}
        </div>
      ) : null}

      {h.status === "live" && h.phase === "verdict" && (!ballot || ballot.status !== "closed") ? <p className="alert alert--info">{t("procedure.voting.noBallot")}</p> : null}

      {h.status === "live" && (h.phase === "voting" || h.phase === "verdict") && undecided && positions >= 3 ? (
        <div className="stack">
          <p className="muted">{t("procedure.voting.runoffHint")}</p>
          <CommandForm event="hearing:runoff" submitLabel={t("procedure.voting.runoff")} payload={() => ({ hearingId })} />
        </div>
      ) : null}

      {h.status === "live" && h.phase === "verdict" ? (
        <details>
          <summary>{t("procedure.voting.back")}</summary>
          <CommandForm event="hearing:return_to_voting" variant="plain" submitLabel={t("procedure.voting.back")} payload={(f) => ({ hearingId, reason: String(f.get("reason") ?? "") })}>
            <div className="field">
              <label htmlFor="back-reason">{t("procedure.voting.backReason")}</label>
              <input id="back-reason" name="reason" className="input" required minLength={2} maxLength={500} />
            </div>
          </CommandForm>
        </details>
      ) : null}

      {h.status === "live" ? (
        <details>
          <summary>{t("procedure.adjourn.title")}</summary>
          <CommandForm
            event="hearing:adjourn"
            variant="plain"
            submitLabel={t("procedure.adjourn.submit")}
            confirm={{ title: t("procedure.adjourn.confirm"), action: t("procedure.adjourn.action") }}
            payload={(f) => ({ hearingId, scheduledAt: beijing(String(f.get("scheduledAt") ?? "")), place: String(f.get("place") ?? ""), reason: String(f.get("reason") ?? "") })}
          >
            <p className="muted">{t("procedure.adjourn.hint")}</p>
            <div className="field">
              <label htmlFor="adjourn-when">{t("procedure.adjourn.when")}</label>
              <input id="adjourn-when" name="scheduledAt" type="datetime-local" className="input" required defaultValue={localValue(new Date(Date.now() + 7 * 86_400_000).toISOString())} />
            </div>
            <div className="field">
              <label htmlFor="adjourn-place">{t("procedure.adjourn.place")}</label>
              <input id="adjourn-place" name="place" className="input" required minLength={2} defaultValue={h.place} />
            </div>
            <div className="field">
              <label htmlFor="adjourn-reason">{t("procedure.adjourn.reason")}</label>
              <input id="adjourn-reason" name="reason" className="input" required minLength={4} maxLength={500} />
            </div>
          </CommandForm>
        </details>
      ) : null}

      {h.status === "live" ? (
        <details>
          <summary>{t("hearing.console.cancel")}</summary>
          <CommandForm
            event="hearing:cancel"
            variant="danger"
            submitLabel={t("hearing.console.cancel")}
            confirm={{ title: t("procedure.cancel.confirm"), action: t("procedure.cancel.action") }}
            payload={(f) => ({ hearingId, reason: String(f.get("reason") ?? "") })}
          >
            <div className="field">
              <label htmlFor="live-cancel-reason">{t("hearing.console.cancelReason")}</label>
              <input id="live-cancel-reason" name="reason" className="input" required minLength={2} maxLength={500} />
            </div>
          </CommandForm>
        </details>
      ) : null}
    </div>
  );
}

export { beijing, localValue };
