import { titleMeta } from "~/utils/meta";
import { SystemText, sideText, tWithUser } from "~/components/system-text";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import QRCode from "qrcode";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { HearingRoom } from "~/components/hearing/hearing-room";
import type { HearingSnapshot } from "~/components/hearing/types";
import { requireUserWithPermission } from "~/utils/auth.server";
import { fieldErrorsOf, handleDomainErrors } from "~/utils/domain-action.server";
import { beijing, localValue } from "~/components/hearing/procedure-controls";
import { errorMessage } from "~/utils/errors";
import { idParam, readForm } from "~/utils/request.server";
import { orRespond } from "~/utils/respond.server";
import { AnnouncePreview } from "~/components/privacy/announce-preview";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "hearingChair");

const id = z.coerce.number().int().positive();
const ConsoleAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("announce"), shortNoticeReason: z.string().trim().optional(), confirmUnmasked: z.literal("on").optional() }),
  z.object({ intent: z.literal("saveSummary"), publicSummary: z.string().trim().max(1000) }),
  z.object({ intent: z.literal("cancel"), reason: z.string().trim().min(2).max(500) }),
  z.object({ intent: z.literal("invite"), partyId: id }),
  z.object({ intent: z.literal("revokeParty"), partyId: id }),
  z.object({ intent: z.literal("openDraw") }),
  z.object({ intent: z.literal("reschedule"), scheduledAt: z.string().trim(), place: z.string().trim(), reason: z.string().trim().optional() }),
]);

function loadForChair(context: LoaderFunctionArgs["context"], request: Request, hearingId: number) {
  requireUserWithPermission(context, request, "manage:hearing:own");
  const snapshot = context.services.hearings.views.snapshot(context.principal, hearingId);
  if (snapshot.role.kind !== "chair") throw new Response("forbidden", { status: 403 });
  return snapshot;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const hearingId = id.safeParse(params.id);
  if (!hearingId.success) throw new Response("not found", { status: 404 });
  return orRespond(() => {
    const snapshot = loadForChair(context, request, hearingId.data);
    // Before the announcement: everything that will become public, personal data marked (issue 12).
    const preview = snapshot.hearing.status === "draft" ? context.services.hearings.lifecycle.announcePreview(context.principal, hearingId.data) : null;
    return { snapshot, preview, invitations: context.services.hearings.lifecycle.partyInvitations(context.principal, hearingId.data) };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const hearingId = idParam(params.id);
  loadForChair(context, request, hearingId);
  const form = await readForm(request);
  const parsed = ConsoleAction.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: { code: "invalid_input" }, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
  const input = parsed.data;
  const { lifecycle, draw } = context.services.hearings;
  return handleDomainErrors(async () => {
    switch (input.intent) {
      case "announce":
        lifecycle.announce(context.principal, {
          hearingId,
          shortNoticeReason: input.shortNoticeReason || undefined,
          keep: form.getAll("keep").map(String),
          confirmUnmasked: input.confirmUnmasked === "on",
        });
        return { ok: true as const };
      case "saveSummary": {
        const { matterId } = lifecycle.announcePreview(context.principal, hearingId);
        context.services.matters.setPublicSummary(context.principal, { matterId, publicSummary: input.publicSummary });
        return { ok: true as const, saved: "summary" as const };
      }
      case "cancel":
        lifecycle.cancel(context.principal, { hearingId, reason: input.reason });
        return { ok: true as const };
      case "invite": {
        const { token } = lifecycle.inviteParty(context.principal, hearingId, input.partyId);
        const link = `${new URL(request.url).origin}/invite/${token}`;
        return { ok: true as const, invite: { partyId: input.partyId, link, qr: await QRCode.toDataURL(link, { margin: 1, width: 220 }) } };
      }
      case "revokeParty":
        context.services.hearings.partyAccess.revoke(context.principal, hearingId, input.partyId);
        return { ok: true as const };
      case "openDraw":
        await draw.open(context.principal, { hearingId });
        return { ok: true as const };
      case "reschedule":
        context.services.hearings.adjournment.reschedule(context.principal, {
          hearingId,
          scheduledAt: new Date(beijing(input.scheduledAt)),
          place: input.place,
          reason: input.reason || undefined,
        });
        return { ok: true as const, saved: "reschedule" as const };
    }
  });
}

export default function HearingConsole() {
  const { snapshot, preview, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const h = snapshot.hearing;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const fieldErrors: Record<string, string> = (actionData && "fieldErrors" in actionData ? actionData.fieldErrors : null) ?? {};
  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <p className="field__error" id={`${name}-error`} role="alert">
        {t(`procedure.field.${fieldErrors[name]}`)}
      </p>
    ) : null;
  const saved = actionData && "saved" in actionData ? actionData.saved : null;
  const invite = actionData && "invite" in actionData ? actionData.invite : null;
  // The preparation card follows the live state: once the hearing starts (a socket event, not a
  // navigation) it goes away without a reload.
  const preparation = (state: HearingSnapshot) => {
    const status = state.hearing.status;
    if (!["draft", "announced", "drawing"].includes(status)) return null;
    return (
      <section className="card stack" aria-labelledby="prep-title">
        <h2 id="prep-title">{t(`hearing.status.${status}`)}</h2>
        {status === "draft" && preview ? (
          <Form method="post" className="stack" key={`summary-${preview.texts.find((x) => x.key === "summary")?.text ?? ""}`}>
            <input type="hidden" name="intent" value="saveSummary" />
            <div className="field">
              <label htmlFor="publicSummary">{t("privacy.summary.label")}</label>
              <textarea
                id="publicSummary"
                name="publicSummary"
                className="input"
                rows={3}
                maxLength={1000}
                defaultValue={preview.texts.find((x) => x.key === "summary")?.text ?? ""}
                aria-describedby="publicSummary-hint"
              />
              <p id="publicSummary-hint" className="muted small">
                {t("privacy.summary.hint")}
              </p>
            </div>
            {saved === "summary" ? (
              <p className="alert alert--success" role="status">
                {t("privacy.summary.saved")}
              </p>
            ) : null}
            <button className="button" disabled={busy}>
              {t("privacy.summary.save")}
            </button>
          </Form>
        ) : null}
        {status === "draft" ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="announce" />
            {preview ? <AnnouncePreview key={JSON.stringify(preview.texts.map((x) => x.text))} texts={preview.texts} /> : null}
            <p className="muted">{t("hearing.console.announceHint")}</p>
            <div className="field">
              <label htmlFor="shortNoticeReason">{t("hearing.fields.shortNoticeReason")}</label>
              <input
                id="shortNoticeReason"
                name="shortNoticeReason"
                className="input"
                maxLength={500}
                aria-invalid={fieldErrors.shortNoticeReason ? true : undefined}
                aria-describedby={fieldErrors.shortNoticeReason ? "shortNoticeReason-error" : undefined}
              />
              {fieldError("shortNoticeReason")}
            </div>
            <button className="button button--primary" disabled={busy}>
              {t("hearing.console.announce")}
            </button>
          </Form>
        ) : null}
        <div className="stack">
          <p className="muted">{t("hearing.console.inviteHint")}</p>
          <ul className="list stack" data-testid="party-links">
            {state.parties.map((p) => {
              const status = invitations.find((i) => i.partyId === p.id)?.status ?? "none";
              return (
                <li key={p.id} className="stack">
                  <div className="row">
                    <Form method="post">
                      <input type="hidden" name="intent" value="invite" />
                      <input type="hidden" name="partyId" value={p.id} />
                      <button className="button" disabled={busy}>
                        {t("hearing.console.invite")}
                        {t("ballot.tally.colon")}
                        <SystemText text={p.side} /> <SystemText text={p.name} />
                      </button>
                    </Form>
                    <span className="badge" data-testid={`invite-status-${p.id}`}>
                      {t(`procedure.invite.status.${status}`)}
                    </span>
                  </div>
                  {invite && invite.partyId === p.id ? <InviteLink invite={invite} side={sideText(t, p.side)} /> : null}
                </li>
              );
            })}
          </ul>
        </div>
        {status === "announced" ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="openDraw" />
            <p className="muted">{t("hearing.console.openDrawHint")}</p>
            <button className="button button--primary" disabled={busy}>
              {t("hearing.console.openDraw")}
            </button>
          </Form>
        ) : null}
        <details open={saved === "reschedule" || Boolean(fieldErrors.scheduledAt || fieldErrors.place || fieldErrors.reason)}>
          <summary>{t("procedure.reschedule.title")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="reschedule" />
            <p className="muted">{t("procedure.reschedule.hint")}</p>
            {saved === "reschedule" ? (
              <p className="alert alert--success" role="status">
                {t("procedure.reschedule.saved")}
              </p>
            ) : null}
            <div className="field">
              <label htmlFor="reschedule-when">{t("hearing.fields.scheduledAt")}</label>
              <input id="reschedule-when" name="scheduledAt" type="datetime-local" className="input" required defaultValue={localValue(state.hearing.scheduledAt)} />
              {fieldError("scheduledAt")}
            </div>
            <div className="field">
              <label htmlFor="reschedule-place">{t("hearing.fields.place")}</label>
              <input id="reschedule-place" name="place" className="input" required minLength={2} maxLength={120} defaultValue={state.hearing.place} />
              {fieldError("place")}
            </div>
            <div className="field">
              <label htmlFor="reschedule-reason">{t("procedure.reschedule.reason")}</label>
              <input id="reschedule-reason" name="reason" className="input" maxLength={500} />
              {fieldError("reason")}
            </div>
            <button className="button" disabled={busy}>
              {t("procedure.reschedule.submit")}
            </button>
          </Form>
        </details>
        <details>
          <summary>{t("hearing.console.cancel")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="cancel" />
            <div className="field">
              <label htmlFor="cancelReason">{t("hearing.console.cancelReason")}</label>
              <input id="cancelReason" name="reason" className="input" required minLength={2} />
            </div>
            <button className="button button--danger" disabled={busy}>
              {t("hearing.console.cancel")}
            </button>
          </Form>
        </details>
      </section>
    );
  };

  return (
    <div className="stack">
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
      {/* key: a new snapshot from an action (announce, draw) remounts the live room with it */}
      <HearingRoom key={`${h.status}`} initial={snapshot} extra={preparation} />
      {/* Available at any time, also after publication: a leaked or no longer needed party link ends now (issue 12). */}
      <details className="card">
        <summary>{t("hearing.console.revokeParty")}</summary>
        <p className="muted">{t("hearing.console.revokePartyHint")}</p>
        <div className="row">
          {snapshot.parties.map((p) => (
            <Form method="post" key={p.id}>
              <input type="hidden" name="intent" value="revokeParty" />
              <input type="hidden" name="partyId" value={p.id} />
              <button className="button button--danger" disabled={busy}>
                {tWithUser(t, "hearing.console.revokePartyButton", { name: p.name }, { side: sideText(t, p.side) })}
              </button>
            </Form>
          ))}
        </div>
      </details>
      <p className="muted">
        {t("hearing.console.views")}
        {t("ballot.tally.colon")}
        <Link to={`/hearings/${h.id}/screen`}>{t("hearing.console.screen")}</Link> ·{" "}
        <Link to={`/hearings/${h.id}`}>{t("hearing.console.publicPage")}</Link>
      </p>
    </div>
  );
}

/** A just-generated party link: QR code, the link, and a copy button (the link is shown only now). */
function InviteLink({ invite, side }: { invite: { link: string; qr: string }; side: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="card row" data-testid="invite">
      <img src={invite.qr} alt={t("procedure.invite.qr", { side })} width={160} height={160} />
      <div className="stack">
        <strong>{t("hearing.console.inviteLink", { side })}</strong>
        <input className="input mono" readOnly value={invite.link} aria-label={t("hearing.console.inviteLink", { side })} data-testid="invite-link" />
        <button
          type="button"
          className="button"
          onClick={() =>
            void navigator.clipboard?.writeText(invite.link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t("procedure.invite.copied") : t("procedure.invite.copy")}
        </button>
        <p className="muted">{t("procedure.invite.once")}</p>
      </div>
    </div>
  );
}
