import { titleMeta } from "~/utils/meta";
import { SystemText } from "~/components/system-text";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { z } from "zod";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "drawReceipt");

/**
 * The printable draw receipt (A4): what was fixed at opening — opening hash, office commitment,
 * snapshot, exclusions and lottery hashes, each party's commitment, the log head — and, after the
 * draw, the panel. One QR per party opens /verify with this opening hash, so a party can later
 * check that the published record is the one they committed to. Shows only the draw's public state.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const hearingId = z.coerce.number().int().positive().safeParse(params.id);
  if (!hearingId.success) throw new Response("not found", { status: 404 });
  const draw = context.services.hearings.draw.publicState(hearingId.data);
  if (!draw) throw new Response("not found", { status: 404 });
  const verifyUrl = `${new URL(request.url).origin}/verify?hearing=${hearingId.data}&opening=${draw.openingHash}`;
  const qr = await QRCode.toDataURL(verifyUrl, { margin: 1, width: 180 });
  const record = draw.record as null | { panel: string[]; seed: string; ticket: number; alternates: string[]; challenges: { juror: string; replacement: string }[] };
  return {
    hearingId: hearingId.data,
    verifyUrl,
    qr,
    draw: { ...draw, record: null },
    drawn: record ? { panel: record.panel, seed: record.seed, ticket: record.ticket, alternates: record.alternates.slice(0, draw.alternatesCount), challenges: record.challenges } : null,
  };
}

export default function DrawReceipt() {
  const { hearingId, verifyUrl, qr, draw, drawn } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t("hearing.draw.openingHash"), draw.openingHash],
    [t("hearing.draw.commitment"), draw.commitment],
    [t("hearing.draw.snapshot"), draw.snapshotHash],
    [t("hearing.draw.exclusionsHash"), draw.exclusionsHash],
    [t("hearing.draw.lotteryHash", { count: draw.lotteryPanels }), draw.lotteryHash],
    ...draw.contributors.map((c): [string, string] => [`${t("hearing.draw.myOpening")} ${c.by}`, c.commitment ?? t("hearing.draw.waitingCommit")]),
    ...(draw.logHead ? [[t("hearing.draw.logHead"), `#${draw.logHead.seq} ${draw.logHead.hash}`] as [string, string]] : []),
  ];
  return (
    <article className="receipt stack" style={{ maxWidth: "190mm", margin: "0 auto" }}>
      <h1>
        {t("hearing.draw.receipt")} · {t("system.hearingNumber", { id: hearingId })}
      </h1>
      <p>
        <strong>{t("hearing.draw.openingNumber", { number: draw.number })}</strong>
        {draw.priorOpenings.length ? `（${t("hearing.draw.supersededCount", { count: draw.priorOpenings.length })}）` : null} ·{" "}
        {t("hearing.draw.eligible", { count: draw.eligibleCount })} · {t("hearing.draw.excluded", { count: draw.exclusions.length })}
      </p>
      <p className="small">{t("hearing.draw.plain")}</p>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="mono" style={{ wordBreak: "break-all" }}>{value}</dd>
          </div>
        ))}
      </dl>
      {drawn ? (
        <dl className="facts">
          <dt>{t("hearing.draw.seed")}</dt>
          <dd className="mono" style={{ wordBreak: "break-all" }}>{drawn.seed}</dd>
          <dt>{t("hearing.draw.panel")}</dt>
          <dd className="mono">{drawn.panel.join(" ")}</dd>
          <dt>{t("hearing.draw.alternates")}</dt>
          <dd className="mono">{drawn.alternates.join(" ")}</dd>
        </dl>
      ) : null}
      <div className="row" style={{ flexWrap: "wrap", gap: "1rem" }}>
        {draw.contributors.map((c) => (
          <figure key={c.by} style={{ margin: 0, textAlign: "center" }}>
            <img src={qr} alt="" width={140} height={140} />
            <figcaption className="small"><SystemText text={c.by} /></figcaption>
          </figure>
        ))}
      </div>
      <p className="small mono" style={{ wordBreak: "break-all" }}>{verifyUrl}</p>
    </article>
  );
}
