import { titleMeta } from "~/utils/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import { verifyLogRecordJson } from "../../server/ledger/verify-log";
import type { VerifyFailure } from "../../server/verify/failures";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "verify");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const hearing = z.coerce.number().int().positive().safeParse(url.searchParams.get("hearing"));
  // The opening hash from a party's draw receipt (its QR code): the record must be the one they committed to.
  const opening = z.string().regex(/^[0-9a-fA-F]{64}$/).safeParse(url.searchParams.get("opening"));
  return { hearingId: hearing.success ? hearing.data : null, opening: opening.success ? opening.data.toLowerCase() : null };
}

type Check = { label: "draw" | "log" | string; state: "pending" | "ok" | "failed" | "absent" | "incomplete"; detail?: string | VerifyFailure };
type ResolveResponse = { ok: true; certified?: boolean; exact?: boolean } | { ok: false; error: string; failure?: VerifyFailure };

/**
 * The fairness check: re-solves LEXIMIN from the record's frozen snapshot and quotas with HiGHS
 * (Wasm) in a Web Worker, so the page stays responsive. The worker is server/draw/verify-resolve.ts,
 * the code of `npm run verify -- --resolve`, bundled by scripts/build-server.js.
 */
function resolveInWorker(record: unknown, opening: string | undefined): Promise<ResolveResponse | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker("/verify-resolve.js", { type: "module" });
    } catch {
      resolve(null);
      return;
    }
    worker.onmessage = (e: MessageEvent<ResolveResponse>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(null);
    };
    worker.postMessage({ record, opening });
  });
}

/**
 * Re-checks a hearing's draw and record in this browser, with Web Crypto and (for the draw) a
 * re-solve of LEXIMIN: the same code as `npm run verify -- --resolve`, so nobody has to trust the
 * server's word that the panel, its lottery and the record are right. `onProgress` shows the
 * arithmetic's result while the re-solve runs.
 */
async function runChecks(input: { draw?: unknown; log?: unknown }, opening: string | null, onProgress: (checks: Check[]) => void = () => {}): Promise<Check[]> {
  const checks: Check[] = [];
  if (input.log !== undefined) {
    const r = await verifyLogRecordJson(input.log);
    const count = (input.log as { entries?: unknown[] }).entries?.length ?? 0;
    checks.push({ label: "log", state: r.ok ? "ok" : "failed", detail: r.ok ? `entries:${count}` : r.failure });
  }
  if (input.draw !== undefined) {
    const r = await verifyDrawRecord(input.draw, { expectOpening: opening ?? undefined });
    if (!r.ok) {
      checks.unshift({ label: "draw", state: "failed", detail: r.failure });
    } else {
      onProgress([{ label: "draw", state: "pending", detail: "resolving" }, ...checks]);
      const resolved = await resolveInWorker(input.draw, opening ?? undefined);
      // A certified record also had its LEXIMIN optimality certificate checked (fairness without a solver).
      const certified = r.certified ? "certified" : "uncertified";
      checks.unshift(
        resolved === null
          ? { label: "draw", state: "incomplete", detail: `resolveUnavailable+${certified}` }
          : resolved.ok
            ? { label: "draw", state: "ok", detail: `resolved+${certified}` }
            : { label: "draw", state: "failed", detail: resolved.failure ?? resolved.error },
      );
    }
  }
  return checks;
}

export default function Verify() {
  const { hearingId, opening: fromReceipt } = useLoaderData<typeof loader>();
  const [opening, setOpening] = useState<string | null>(fromReceipt);
  const { t } = useTranslation();
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [seed, setSeed] = useState<string | null>(null);
  // Detail codes of this page and the verifier's failure codes (server/verify/failures.ts) are translated.
  const codes = ["afterPublication", "notJson", "certified", "uncertified", "resolving", "resolved", "resolveUnavailable"];
  const detailText = (d: string | VerifyFailure) =>
    typeof d !== "string"
      ? t(`portal.verify.errors.${d.code}`, d.params)
      : d.startsWith("entries:")
        ? t("portal.verify.entries", { count: Number(d.slice(8)) })
        : d.split("+").every((c) => codes.includes(c))
          ? d.split("+").map((c) => t(`portal.verify.${c}`)).join(t("portal.verify.separator"))
          : d;

  useEffect(() => {
    if (!hearingId) return;
    let live = true;
    (async () => {
      const [draw, log] = await Promise.all(
        [`/hearings/${hearingId}/draw.json`, `/hearings/${hearingId}/record.json`].map(async (url) => {
          const res = await fetch(url);
          return res.ok ? ((await res.json()) as unknown) : undefined;
        }),
      );
      const absentLog: Check[] = log === undefined ? [{ label: "log", state: "absent", detail: "afterPublication" }] : [];
      if (live) setSeed((draw as { seed?: string } | undefined)?.seed ?? null);
      const results = await runChecks({ draw, log }, fromReceipt, (progress) => {
        if (live) setChecks([...progress, ...absentLog]);
      });
      if (live) setChecks([...results, ...absentLog]);
    })();
    return () => {
      live = false;
    };
  }, [hearingId, fromReceipt]);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const json = JSON.parse(await file.text()) as { kind?: string };
      setChecks(null);
      setChecks(await runChecks(json.kind === "log" ? { log: json } : { draw: json }, opening && /^[0-9a-f]{64}$/.test(opening) ? opening : null, setChecks));
    } catch {
      setChecks([{ label: file.name, state: "failed", detail: "notJson" }]);
    }
  }

  // Still fetching the record or recomputing it: assistive technology (and the browser tests) wait for the verdicts.
  const busy = (hearingId !== null && checks === null) || (checks?.some((c) => c.state === "pending") ?? false);

  return (
    <div className="card stack" style={{ maxWidth: "48rem", margin: "0 auto" }}>
      <h1>{t("portal.verify.title")}</h1>
      <p className="muted">{t("portal.verify.lead")}</p>
      {hearingId ? <p>{t("portal.verify.hearing", { id: hearingId })}</p> : null}
      {seed ? (
        <p className="small">
          {t("portal.verify.seed")} <span className="mono">{seed}</span>
        </p>
      ) : null}
      <div aria-live="polite" aria-busy={busy || undefined} data-testid="verify-results">
        {hearingId && !checks ? <p>{t("portal.verify.checking")}</p> : null}
        {checks?.map((c) => (
          <p key={c.label} className={`alert ${c.state === "ok" ? "alert--success" : c.state === "failed" ? "alert--error" : c.state === "incomplete" ? "alert--warning" : "alert--info"}`} data-state={c.state} aria-busy={c.state === "pending" || undefined}>
            <strong>{c.label === "draw" || c.label === "log" ? t(`portal.verify.${c.label}`) : c.label}
              {t("ballot.tally.colon")}
            </strong>
            {t(`portal.verify.${c.state === "pending" ? "recomputing" : c.state}`)}
            {c.detail ? <span className="small"> — {detailText(c.detail)}</span> : null}
          </p>
        ))}
      </div>
      <div className="field">
        <label htmlFor="opening-hash">{t("portal.verify.openingHash")}</label>
        <input id="opening-hash" className="input mono" value={opening ?? ""} onChange={(e) => setOpening(e.target.value.trim().toLowerCase() || null)} />
        <p className="small muted">{t("portal.verify.resolveHint")}</p>
      </div>
      <div className="field">
        <label htmlFor="record-file">{t("portal.verify.file")}</label>
        <input id="record-file" type="file" accept="application/json,.json" className="input" onChange={onFile} />
      </div>
    </div>
  );
}
