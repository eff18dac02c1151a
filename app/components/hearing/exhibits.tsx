import { useState, type ChangeEvent, type FormEvent } from "react";
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
              <a href={`/hearings/${hearingId}/exhibits/${e.sha256}`} target="_blank" rel="noreferrer">
                {e.mime === "application/pdf" ? "PDF" : t("system.view")}
              </a>
            </p>
            {/* No hashes on phones unless asked for (issue 14, item 7). */}
            <details className="muted small">
              <summary>{t("hearing.draw.technical")}</summary>
              {t("hearing.evidence.hash")} <span className="mono">{e.sha256}</span>
            </details>
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
            {role.kind === "chair" && state.hearing.status === "live" && e.status === "admitted" && e.visibility === "public" ? (
              state.screenExhibit?.id === e.id ? (
                <div className="row">
                  <span className="badge" data-testid="on-screen">{t("hearing.evidence.onScreen")}</span>
                  <CommandForm event="exhibit:show" variant="plain" submitLabel={t("hearing.evidence.hideFromScreen")} payload={() => ({ hearingId, exhibitId: null })} />
                </div>
              ) : (
                <CommandForm event="exhibit:show" variant="plain" submitLabel={t("hearing.evidence.showOnScreen")} payload={() => ({ hearingId, exhibitId: e.id })} />
              )
            ) : null}
            {role.kind === "chair" && state.hearing.status === "live" && e.status === "admitted" && e.visibility !== "public" ? (
              <p className="muted small">{t("hearing.evidence.panelOnlyNotOnScreen")}</p>
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
      {state.canUpload ? <UploadForm hearingId={hearingId} limitBytes={state.uploadLimitBytes} beforeStart={state.hearing.status !== "live"} /> : null}
    </section>
  );
}

type UploadError = { code: string; details?: Record<string, string | number> };

/**
 * Sends the form with XMLHttpRequest, which (unlike fetch) reports upload progress. Resolves with the
 * answer's status and JSON body; a connection the server closed early (413) still gives its answer.
 */
function sendWithProgress(url: string, body: FormData, onProgress: (fraction: number) => void): Promise<{ status: number; body: { error?: UploadError } }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => (e.lengthComputable ? onProgress(e.loaded / e.total) : undefined);
    xhr.onload = () => {
      let parsed: { error?: UploadError } = { error: { code: "internal" } };
      try {
        parsed = JSON.parse(xhr.responseText) as typeof parsed;
      } catch {
        /* not JSON: a proxy's page */
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => resolve({ status: 0, body: { error: { code: "timeout" } } });
    xhr.send(body);
  });
}

const toMb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/**
 * Uploads go over HTTP (not the socket): large files, streamed to disk and hashed on the way. The limit
 * is stated; a file over it is refused here, before a byte is sent (the server refuses it too, early).
 */
function UploadForm({ hearingId, limitBytes, beforeStart }: { hearingId: number; limitBytes: number | null; beforeStart: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const limitMb = limitBytes ? toMb(limitBytes) : null;
  const tooLarge = (file: File | null) => (file && limitBytes && file.size > limitBytes ? t("hearing.evidence.tooLarge", { size: toMb(file.size), limit: limitMb }) : null);

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const problem = tooLarge(e.currentTarget.files?.[0] ?? null);
    e.currentTarget.setCustomValidity(problem ?? "");
    setMessage(problem ? { ok: false, text: problem } : null);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    const problem = tooLarge(file instanceof File ? file : null);
    if (problem) return setMessage({ ok: false, text: problem });
    setBusy(true);
    setMessage(null);
    setProgress(0);
    const res = await sendWithProgress(`/hearings/${hearingId}/evidence`, data, setProgress);
    setBusy(false);
    setProgress(null);
    if (res.status < 200 || res.status >= 300 || res.body.error) {
      const error = res.body.error ?? { code: "internal" };
      // The HTTP layer's 413 counts bytes of the whole request; say it in the file's own terms.
      return setMessage({ ok: false, text: error.code === "payload_too_large" && limitMb ? errorMessage(t, { code: "file_too_large", details: { limitMb } }) : errorMessage(t, error) });
    }
    form.reset();
    setMessage({ ok: true, text: t("hearing.evidence.uploaded") });
  }
  return (
    <form onSubmit={onSubmit} className="stack" encType="multipart/form-data" data-testid="upload-form">
      <h3>{t("hearing.evidence.upload")}</h3>
      {beforeStart ? <p className="muted">{t("hearing.evidence.beforeStart")}</p> : null}
      <div className="field">
        <label htmlFor="exhibit-title">{t("hearing.evidence.fileTitle")}</label>
        <input id="exhibit-title" name="title" className="input" required maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor="exhibit-file">{t("hearing.evidence.file")}</label>
        <input
          id="exhibit-file"
          name="file"
          type="file"
          className="input"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          required
          onChange={onFile}
          aria-describedby="exhibit-limit"
        />
        {limitMb ? (
          <p id="exhibit-limit" className="muted small">
            {t("hearing.evidence.limit", { limit: limitMb })}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="exhibit-visibility">{t("hearing.evidence.visibility")}</label>
        <select id="exhibit-visibility" name="visibility" className="input" defaultValue="panel">
          <option value="panel">{t("hearing.evidence.visibilityPanel")}</option>
          <option value="public">{t("hearing.evidence.visibilityPublic")}</option>
        </select>
        <p className="muted small">{t("hearing.evidence.privateByDefault")}</p>
      </div>
      {progress !== null ? (
        <div className="field" data-testid="upload-progress">
          <label htmlFor="exhibit-progress">{t("hearing.evidence.progress", { percent: Math.round(progress * 100) })}</label>
          <progress id="exhibit-progress" max={1} value={progress} style={{ width: "100%" }} />
        </div>
      ) : null}
      {message ? (
        <p className={message.ok ? "alert alert--success" : "alert alert--error"} role={message.ok ? "status" : "alert"} data-testid="upload-message">
          <UserText>{message.text}</UserText>
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("hearing.evidence.upload")}
      </button>
    </form>
  );
}
