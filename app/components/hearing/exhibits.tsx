import { useState, type FormEvent } from "react";
import { SystemText, UserText } from "~/components/system-text";
import { useTranslation } from "react-i18next";
import { errorMessage } from "~/utils/errors";
import { CommandForm } from "./command-form";
import type { HearingSnapshot } from "./types";

/** 举证质证: the exhibit list for every audience, with each role's actions beside it. */
export function Exhibits({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const hearingId = state.hearing.id;
  const role = state.role;
  const inEvidence = state.hearing.status === "live" && state.hearing.phase === "evidence";
  return (
    <section className="card stack" aria-labelledby="exhibits-title">
      <h2 id="exhibits-title">{t("hearing.evidence.title")}</h2>
      {state.exhibits.length === 0 ? <p className="muted">{t("hearing.evidence.none")}</p> : null}
      <ul className="exhibits">
        {state.exhibits.map((e) => (
          <li key={e.id} className="exhibit" data-status={e.status}>
            {/* A panel-only exhibit reaches the public as its number only (the server sends no title or file). */}
            {e.sha256 === "" ? (
              <div className="exhibit__head">
                <strong>{t("hearing.evidence.panelOnly", { n: e.number })}</strong>
              </div>
            ) : (
            <>
            <div className="exhibit__head">
              <strong>{e.number ? t("hearing.evidence.number", { n: e.number }) : t(`hearing.evidence.${e.status}`)}</strong>
              <span>
                <SystemText text={e.title} />
              </span>
              <span className="badge">{t(`hearing.evidence.${e.status}`)}</span>
              <span className="muted">
                <SystemText text={e.submittedBy} />
              </span>
            </div>
            <p className="muted small">
              {t("hearing.evidence.hash")} <span className="mono">{e.sha256}</span> ·{" "}
              <a href={`/hearings/${hearingId}/exhibits/${e.sha256}`} target="_blank" rel="noreferrer">
                {e.mime === "application/pdf" ? "PDF" : t("system.view")}
              </a>
            </p>
            {e.rejectReason ? <p className="muted" data-user-content>{e.rejectReason}</p> : null}
            {e.opinions.length ? (
              <ul className="list">
                {e.opinions.map((o) => (
                  <li key={o.id}>
                    <strong>
                      <SystemText text={o.by} />
                    </strong>
                    {t("system.parenthetical", { text: t("hearing.evidence.opinion") })}
                    {t("ballot.tally.colon")}
                    <UserText>{o.text}</UserText>
                  </li>
                ))}
              </ul>
            ) : null}
            </>
            )}
            {role.kind === "chair" && inEvidence && e.status === "submitted" ? (
              <div className="row">
                <CommandForm event="exhibit:rule" submitLabel={t("hearing.evidence.admit")} payload={() => ({ hearingId, exhibitId: e.id, decision: "admit" })} />
                <CommandForm
                  event="exhibit:rule"
                  variant="plain"
                  submitLabel={t("hearing.evidence.reject")}
                  payload={(f) => ({ hearingId, exhibitId: e.id, decision: "reject", reason: String(f.get("reason") ?? "") })}
                >
                  <input name="reason" className="input" aria-label={t("hearing.evidence.rejectReason")} placeholder={t("hearing.evidence.rejectReason")} required minLength={2} />
                </CommandForm>
              </div>
            ) : null}
            {role.kind === "party" && inEvidence && e.status === "admitted" && e.partyId !== role.partyId ? (
              <CommandForm
                event="exhibit:opinion"
                variant="plain"
                submitLabel={t("hearing.evidence.addOpinion")}
                payload={(f) => ({ hearingId, exhibitId: e.id, text: String(f.get("text") ?? "") })}
              >
                <textarea name="text" className="input" rows={2} aria-label={t("hearing.evidence.opinion")} required />
              </CommandForm>
            ) : null}
          </li>
        ))}
      </ul>
      {role.kind === "party" && inEvidence ? <UploadForm hearingId={hearingId} /> : null}
    </section>
  );
}

/** Uploads go over HTTP (not the socket): large files, streamed to disk and hashed on the way. */
function UploadForm({ hearingId }: { hearingId: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setMessage(null);
    const res = await fetch(`/hearings/${hearingId}/evidence`, { method: "POST", body: new FormData(form) });
    const body = (await res.json().catch(() => ({ error: { code: "internal" } }))) as { error?: { code: string; details?: Record<string, string | number> } };
    setBusy(false);
    if (!res.ok || body.error) return setMessage({ ok: false, text: errorMessage(t, body.error ?? { code: "internal" }) });
    form.reset();
    setMessage({ ok: true, text: t("hearing.evidence.uploaded") });
  }
  return (
    <form onSubmit={onSubmit} className="stack" encType="multipart/form-data">
      <h3>{t("hearing.evidence.upload")}</h3>
      <div className="field">
        <label htmlFor="exhibit-title">{t("hearing.evidence.fileTitle")}</label>
        <input id="exhibit-title" name="title" className="input" required maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor="exhibit-file">{t("hearing.evidence.file")}</label>
        <input id="exhibit-file" name="file" type="file" className="input" accept="image/jpeg,image/png,image/webp,application/pdf" required />
      </div>
      <div className="field">
        <label htmlFor="exhibit-visibility">{t("hearing.evidence.visibility")}</label>
        <select id="exhibit-visibility" name="visibility" className="input" defaultValue="panel">
          <option value="panel">{t("hearing.evidence.visibilityPanel")}</option>
          <option value="public">{t("hearing.evidence.visibilityPublic")}</option>
        </select>
      </div>
      {message ? (
        <p className={message.ok ? "alert alert--success" : "alert alert--error"} role={message.ok ? "status" : "alert"}>
          <UserText>{message.text}</UserText>
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("hearing.evidence.upload")}
      </button>
    </form>
  );
}
