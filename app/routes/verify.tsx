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

type Check = { label: "draw" | "log" | string; state: "pending" | "ok" | "failed" | "absent"; detail?: string | VerifyFailure };

/**
 * Re-checks a hearing's draw and record in this browser, with Web Crypto: the same code as
 * `npm run verify`, so nobody has to trust the server's word that the panel and the record are right.
 */
async function runChecks(input: { draw?: unknown; log?: unknown }, opening: string | null): Promise<Check[]> {
  const checks: Check[] = [];
  if (input.draw !== undefined) {
    const r = await verifyDrawRecord(input.draw, { expectOpening: opening ?? undefined });
    // An ok draw says whether its LEXIMIN optimality certificate was checked (fairness without a solver).
    checks.push({ label: "draw", state: r.ok ? "ok" : "failed", detail: r.ok ? (r.certified ? "certified" : "uncertified") : r.failure });
  }
  if (input.log !== undefined) {
    const r = await verifyLogRecordJson(input.log);
    const count = (input.log as { entries?: unknown[] }).entries?.length ?? 0;
    checks.push({ label: "log", state: r.ok ? "ok" : "failed", detail: r.ok ? `entries:${count}` : r.failure });
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
  const detailText = (d: string | VerifyFailure) =>
    typeof d !== "string" ? t(`portal.verify.errors.${d.code}`, d.params) : d.startsWith("entries:") ? t("portal.verify.entries", { count: Number(d.slice(8)) }) : ["afterPublication", "notJson", "certified", "uncertified"].includes(d) ? t(`portal.verify.${d}`) : d;

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
      const results = await runChecks({ draw, log }, fromReceipt);
      if (log === undefined) results.push({ label: "log", state: "absent", detail: "afterPublication" });
      if (live) {
        setSeed((draw as { seed?: string } | undefined)?.seed ?? null);
        setChecks(results);
      }
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
      setChecks(await runChecks(json.kind === "log" ? { log: json } : { draw: json }, opening && /^[0-9a-f]{64}$/.test(opening) ? opening : null));
    } catch {
      setChecks([{ label: file.name, state: "failed", detail: "notJson" }]);
    }
  }

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
      <div aria-live="polite" data-testid="verify-results">
        {hearingId && !checks ? <p>{t("portal.verify.checking")}</p> : null}
        {checks?.map((c) => (
          <p key={c.label} className={`alert ${c.state === "ok" ? "alert--success" : c.state === "failed" ? "alert--error" : "alert--info"}`} data-state={c.state}>
            <strong>{c.label === "draw" || c.label === "log" ? t(`portal.verify.${c.label}`) : c.label}
              {t("ballot.tally.colon")}
            </strong>
            {t(`portal.verify.${c.state === "ok" ? "ok" : c.state === "failed" ? "failed" : "absent"}`)}
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
