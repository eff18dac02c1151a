import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { verifyDrawRecord } from "../../server/draw/verify-record";
import { verifyLogRecordJson } from "../../server/ledger/verify-log";

export const meta: MetaFunction = () => [{ title: "复核抽取与记录 · 民事民议" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const hearing = z.coerce.number().int().positive().safeParse(url.searchParams.get("hearing"));
  // The opening hash from a party's draw receipt (its QR code): the record must be the one they committed to.
  const opening = z.string().regex(/^[0-9a-fA-F]{64}$/).safeParse(url.searchParams.get("opening"));
  return { hearingId: hearing.success ? hearing.data : null, opening: opening.success ? opening.data.toLowerCase() : null };
}

type Check = { label: string; state: "pending" | "ok" | "failed" | "absent"; detail?: string };

/**
 * Re-checks a hearing's draw and record in this browser, with Web Crypto: the same code as
 * `npm run verify`, so nobody has to trust the server's word that the panel and the record are right.
 */
async function runChecks(input: { draw?: unknown; log?: unknown }, opening: string | null): Promise<Check[]> {
  const checks: Check[] = [];
  if (input.draw !== undefined) {
    const r = await verifyDrawRecord(input.draw, { expectOpening: opening ?? undefined });
    checks.push({ label: "抽取记录", state: r.ok ? "ok" : "failed", detail: r.ok ? undefined : r.error });
  }
  if (input.log !== undefined) {
    const r = await verifyLogRecordJson(input.log);
    const count = (input.log as { entries?: unknown[] }).entries?.length ?? 0;
    checks.push({ label: "会议记录哈希链", state: r.ok ? "ok" : "failed", detail: r.ok ? `${count} 条记录` : r.error });
  }
  return checks;
}

export default function Verify() {
  const { hearingId, opening: fromReceipt } = useLoaderData<typeof loader>();
  const [opening, setOpening] = useState<string | null>(fromReceipt);
  const { t } = useTranslation();
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [seed, setSeed] = useState<string | null>(null);

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
      if (log === undefined) results.push({ label: "会议记录哈希链", state: "absent", detail: "评理结果公示后提供" });
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
      setChecks([{ label: file.name, state: "failed", detail: "不是有效的 JSON 文件" }]);
    }
  }

  return (
    <div className="card stack" style={{ maxWidth: "48rem", margin: "0 auto" }}>
      <h1>复核抽取与记录</h1>
      <p className="muted">
        本页在您的浏览器中用 Web Crypto 重新计算种子、评理团名单和记录哈希链，与命令行 <code>npm run verify</code> 使用同一套代码。
      </p>
      {hearingId ? <p>评理大会 #{hearingId}</p> : null}
      {seed ? (
        <p className="small">
          种子 <span className="mono">{seed}</span>
        </p>
      ) : null}
      <div aria-live="polite" data-testid="verify-results">
        {hearingId && !checks ? <p>{t("hearing.room.connecting")}</p> : null}
        {checks?.map((c) => (
          <p key={c.label} className={`alert ${c.state === "ok" ? "alert--success" : c.state === "failed" ? "alert--error" : "alert--info"}`} data-state={c.state}>
            <strong>{c.label}：</strong>
            {c.state === "ok" ? "验证通过" : c.state === "failed" ? "验证失败" : "暂无"}
            {c.detail ? <span className="small"> — {c.detail}</span> : null}
          </p>
        ))}
      </div>
      <div className="field">
        <label htmlFor="opening-hash">抽取凭证上的开启记录指纹（可选）</label>
        <input id="opening-hash" className="input mono" value={opening ?? ""} onChange={(e) => setOpening(e.target.value.trim().toLowerCase() || null)} />
        <p className="small muted">
          公平性复核（按冻结名单重新计算 LEXIMIN 抽签表并与记录比对）需在电脑上运行 <code>npm run verify -- --resolve 抽取记录.json</code>。
        </p>
      </div>
      <div className="field">
        <label htmlFor="record-file">或选择下载的记录文件（抽取记录或会议记录 JSON）</label>
        <input id="record-file" type="file" accept="application/json,.json" className="input" onChange={onFile} />
      </div>
    </div>
  );
}
