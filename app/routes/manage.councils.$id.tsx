import { titleMeta } from "~/utils/meta";
import { SystemText, UserText } from "~/components/system-text";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { matterDifficulties, matterSources } from "../../db/schema";
import councilStyles from "~/components/council/council.css";
import { CouncilRoom, ReloadOnStatusChange } from "~/components/council/council-room";
import { beijingDateTime, idParam, rulesFromForm, runAction } from "~/components/council/council-route.server";
import { orRespond } from "~/utils/respond.server";
import { approvalText } from "~/components/council/format";
import type { CouncilSnapshot } from "~/components/council/types";
import { requireUserWithPermission } from "~/utils/auth.server";
import { errorMessage } from "~/utils/errors";
import { AnnouncePreview, type PreviewText } from "~/components/privacy/announce-preview";
import { formatDate } from "~/utils/format";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councilChair");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

function loadForChair(context: LoaderFunctionArgs["context"], request: Request, councilId: number) {
  requireUserWithPermission(context, request, "manage:council:own");
  const snapshot = orRespond(() => context.services.councils.views.snapshot(context.principal, councilId));
  if (snapshot.role.kind !== "chair") throw new Response("forbidden", { status: 403 });
  return snapshot;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const councilId = idParam(params.id);
  const snapshot = loadForChair(context, request, councilId);
  const { councils, matters } = context.services;
  const communityId = snapshot.council.communityId;
  const preLive = snapshot.council.status === "draft" || snapshot.council.status === "announced";
  const taken = new Set(snapshot.participants.map((p) => p.representativeId));
  return {
    snapshot,
    // Before the announcement: everything that will become public, personal data marked (issue 12).
    preview: snapshot.council.status === "draft" ? councils.lifecycle.announcePreview(context.principal, councilId) : null,
    candidates: preLive ? councils.lifecycle.candidates(context.principal, communityId).filter((r) => !taken.has(r.id)) : [],
    matters:
      snapshot.council.status === "draft"
        ? matters.search(context.principal, { communityId, scope: "shared", status: "open" }).map((m) => ({ id: m.id, title: m.title }))
        : [],
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const councilId = idParam(params.id);
  loadForChair(context, request, councilId);
  const form = await readForm(request);
  const f = Object.fromEntries(form);
  const { lifecycle, resolutions } = context.services.councils;
  const p = context.principal;
  return runAction(async () => {
    switch (f.intent) {
      case "addItem": {
        const matterId = f.matterId && f.matterId !== "new" ? Number(f.matterId) : undefined;
        const newMatter = matterId
          ? undefined
          : {
              title: String(f.matterTitle ?? ""),
              description: String(f.matterDescription ?? ""),
              difficulty: String(f.difficulty ?? "normal") as (typeof matterDifficulties)[number],
              source: String(f.source ?? "visit") as (typeof matterSources)[number],
              reporterName: String(f.reporterName ?? "") || null,
            };
        const title = String(f.title ?? "").trim() || (matterId ? context.services.matters.get(matterId).title : newMatter!.title);
        lifecycle.addItem(p, { councilId, matterId, matter: newMatter, title, proposal: String(f.proposal ?? ""), rules: rulesFromForm(f) as never });
        return { ok: true as const };
      }
      case "removeItem":
        lifecycle.removeItem(p, { councilId, itemId: Number(f.itemId) });
        return { ok: true as const };
      case "addMembers": {
        const voting = new Set(form.getAll("voting").map(String));
        lifecycle.addRepresentatives(p, {
          councilId,
          representatives: form.getAll("member").map((v) => ({ representativeId: Number(v), voting: voting.has(String(v)) })),
        });
        return { ok: true as const };
      }
      case "addGuest":
        lifecycle.addGuest(p, { councilId, name: String(f.name ?? "") });
        return { ok: true as const };
      case "removeParticipant":
        lifecycle.removeParticipant(p, { councilId, participantId: Number(f.participantId) });
        return { ok: true as const };
      case "invite": {
        const participantId = Number(f.participantId);
        const { token } = lifecycle.inviteGuest(p, { councilId, participantId });
        const link = `${new URL(request.url).origin}/invite/${token}`;
        return { ok: true as const, invite: { participantId, link, qr: await QRCode.toDataURL(link, { margin: 1, width: 220 }) } };
      }
      case "announce":
        lifecycle.announce(p, {
          councilId,
          shortNoticeReason: String(f.shortNoticeReason ?? "").trim() || undefined,
          keep: form.getAll("keep").map(String),
          confirmUnmasked: f.confirmUnmasked === "on",
        });
        return { ok: true as const };
      case "cancel":
        lifecycle.cancel(p, { councilId, reason: String(f.reason ?? "") });
        return { ok: true as const };
      case "draftResolution":
        resolutions.draft(p, {
          councilId,
          itemId: Number(f.itemId),
          text: String(f.text ?? ""),
          responsible: String(f.responsible ?? ""),
          deadline: beijingDateTime(f.deadline) ?? new Date(NaN),
          noticeDays: Number(f.noticeDays || 7),
        });
        return { ok: true as const };
      case "publishResolution":
        resolutions.publish(p, { resolutionId: Number(f.resolutionId) });
        return { ok: true as const };
      default:
        return data({ error: { code: "invalid_input" } }, { status: 400 });
    }
  });
}

function ItemForm({ matters, votingCount }: { matters: { id: number; title: string }[]; votingCount: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack council-subform">
      <input type="hidden" name="intent" value="addItem" />
      <h3>{t("council.console.addItem")}</h3>
      <div className="field">
        <label htmlFor="matterId">{t("council.fields.matter")}</label>
        <select id="matterId" name="matterId" className="input" defaultValue={matters[0]?.id ?? "new"}>
          {matters.map((m) => (
            <option key={m.id} value={m.id} data-user-content>
              {m.title}
            </option>
          ))}
          <option value="new">{t("council.fields.newMatter")}</option>
        </select>
        <p className="muted small">{t("council.fields.matterHint")}</p>
      </div>
      <details>
        <summary>{t("council.fields.newMatter")}</summary>
        <div className="field">
          <label htmlFor="matterTitle">{t("council.fields.matterTitle")}</label>
          <input id="matterTitle" name="matterTitle" className="input" maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="matterDescription">{t("council.fields.matterDescription")}</label>
          <textarea id="matterDescription" name="matterDescription" className="input" rows={2} />
        </div>
        <div className="field">
          <label htmlFor="difficulty">{t("council.matters.difficultyLabel")}</label>
          <select id="difficulty" name="difficulty" className="input">
            {matterDifficulties.map((d) => (
              <option key={d} value={d}>
                {t(`council.matters.difficulty.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="source">{t("council.matters.sourceLabel")}</label>
          <select id="source" name="source" className="input">
            {matterSources.map((s) => (
              <option key={s} value={s}>
                {t(`council.matters.source.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </details>
      <div className="field">
        <label htmlFor="itemTitle">{t("council.fields.itemTitle")}</label>
        <input id="itemTitle" name="title" className="input" maxLength={120} placeholder={t("council.fields.itemTitleHint")} />
      </div>
      <div className="field">
        <label htmlFor="proposal">{t("council.fields.proposal")}</label>
        <textarea id="proposal" name="proposal" className="input" rows={4} required minLength={2} />
      </div>
      <fieldset className="field">
        <legend>{t("council.fields.rules")}</legend>
        <label>
          <input type="checkbox" name="secret" /> {t("ballot.controls.secret")}
        </label>
        <label>
          <input type="checkbox" name="allowChange" /> {t("ballot.controls.allowChange")}
        </label>
        <label htmlFor="threshold">{t("ballot.controls.threshold")}</label>
        <select id="threshold" name="threshold" className="input" defaultValue="majority_cast">
          {(["majority_cast", "majority_eligible", "two_thirds", "unanimity"] as const).map((th) => (
            <option key={th} value={th}>
              {t(`ballot.threshold.${th}`)}
            </option>
          ))}
        </select>
        <label htmlFor="quorum">{t("ballot.controls.quorum")}</label>
        <input id="quorum" name="quorum" type="number" min={0} className="input" required defaultValue={Math.floor(votingCount / 2) + 1} />
        <p className="muted small">{t("council.fields.quorumHint", { count: votingCount })}</p>
        <label htmlFor="tieRule">{t("ballot.controls.tieRule")}</label>
        <select id="tieRule" name="tieRule" className="input" defaultValue="revote">
          <option value="revote">{t("ballot.tieRule.revote")}</option>
          <option value="chair_decides">{t("ballot.tieRule.chair_decides")}</option>
        </select>
        <label htmlFor="timeLimitMinutes">{t("ballot.controls.timeLimit")}</label>
        <input id="timeLimitMinutes" name="timeLimitMinutes" type="number" min={1} step="any" className="input" />
      </fieldset>
      <button className="button button--primary">{t("council.console.addItem")}</button>
    </Form>
  );
}

function Preparation({
  snapshot,
  candidates,
  matters,
  preview,
}: {
  snapshot: CouncilSnapshot;
  candidates: { id: number; name: string; hasLogin: boolean }[];
  matters: { id: number; title: string }[];
  preview: { texts: PreviewText[] } | null;
}) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const c = snapshot.council;
  const invite = actionData && "invite" in actionData ? actionData.invite : null;
  const draft = c.status === "draft";
  const voting = snapshot.participants.filter((p) => p.voting).length;
  return (
    <section className="card stack" aria-labelledby="prep-title">
      <h2 id="prep-title">
        {t("council.console.preparation")} · {t(`council.status.${c.status}`)}
      </h2>

      <div className="stack">
        <h3>{t("council.agenda")}</h3>
        {snapshot.items.length === 0 ? <p className="muted">{t("council.agendaEmpty")}</p> : null}
        <ol className="council-agenda">
          {snapshot.items.map((item) => (
            <li key={item.id} className="council-agenda__item">
              <div className="room-header">
                <strong>
                  {t("council.itemNumber", { n: item.number })} <UserText>{item.title}</UserText>
                </strong>
                {draft ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="removeItem" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <button className="button button--small" disabled={busy}>
                      {t("council.console.remove")}
                    </button>
                  </Form>
                ) : null}
              </div>
              <p className="council-proposal"><UserText>{item.proposal}</UserText></p>
              {item.round > 1 ? <p className="muted small">{t("council.round", { round: item.round })}</p> : null}
            </li>
          ))}
        </ol>
        {draft ? <ItemForm matters={matters} votingCount={voting} /> : <p className="muted small">{t("council.console.agendaFixed")}</p>}
      </div>

      <div className="stack">
        <h3>{t("council.room.participants")}</h3>
        <ul className="list">
          {snapshot.participants.map((p) => (
            <li key={p.id} className="row council-participant">
              <span>
                <SystemText text={p.name} />
                <span className="muted small">
                  {" "}
                  · {p.kind === "guest" ? t("council.participant.guest") : p.voting ? t("council.participant.voting") : t("council.participant.observer")}
                </span>
              </span>
              {p.kind === "guest" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="invite" />
                  <input type="hidden" name="participantId" value={p.id} />
                  <button className="button button--small" disabled={busy}>
                    {t("council.console.invite")}
                  </button>
                </Form>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="removeParticipant" />
                <input type="hidden" name="participantId" value={p.id} />
                <button className="button button--small" disabled={busy} aria-label={t("council.console.removeNamed", { name: p.name })}>
                  {t("council.console.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {invite ? (
          <div className="card row" data-testid="invite">
            <img src={invite.qr} alt="" width={160} height={160} />
            <div className="stack">
              <strong>{t("council.console.inviteLink", { name: snapshot.participants.find((p) => p.id === invite.participantId)?.name })}</strong>
              <input className="input mono" readOnly value={invite.link} aria-label={t("council.console.inviteLinkLabel")} data-testid="invite-link" />
              <p className="muted small">{t("council.console.inviteHint")}</p>
            </div>
          </div>
        ) : null}
        {candidates.length ? (
          <details>
            <summary>{t("council.console.addMembers")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="addMembers" />
              <ul className="council-members__list">
                {candidates.map((r) => (
                  <li key={r.id}>
                    <label>
                      <input type="checkbox" name="member" value={r.id} /> <SystemText text={r.name} />
                    </label>
                    <label className="muted small">
                      <input type="checkbox" name="voting" value={r.id} defaultChecked={r.hasLogin} disabled={!r.hasLogin} /> {t("council.participant.voting")}
                    </label>
                  </li>
                ))}
              </ul>
              <button className="button" disabled={busy}>
                {t("council.console.addMembers")}
              </button>
            </Form>
          </details>
        ) : null}
        <Form method="post" className="row">
          <input type="hidden" name="intent" value="addGuest" />
          <label htmlFor="guestName" className="visually-hidden">
            {t("council.console.guestName")}
          </label>
          <input id="guestName" name="name" className="input council-grow" required minLength={2} maxLength={60} placeholder={t("council.console.guestNameHint")} />
          <button className="button" disabled={busy}>
            {t("council.console.addGuest")}
          </button>
        </Form>
      </div>

      {draft ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="announce" />
          <h3>{t("council.console.announce")}</h3>
          <p className="muted">{t("council.console.announceHint")}</p>
          {preview ? <AnnouncePreview key={JSON.stringify(preview.texts.map((x) => x.text))} texts={preview.texts} /> : null}
          <div className="field">
            <label htmlFor="shortNoticeReason">{t("council.fields.shortNoticeReason")}</label>
            <input id="shortNoticeReason" name="shortNoticeReason" className="input" />
          </div>
          <button className="button button--primary" disabled={busy}>
            {t("council.console.announce")}
          </button>
        </Form>
      ) : null}

      <details>
        <summary>{t("council.console.cancel")}</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="cancel" />
          <div className="field">
            <label htmlFor="cancelReason">{t("council.console.cancelReason")}</label>
            <input id="cancelReason" name="reason" className="input" required minLength={2} />
          </div>
          <button className="button button--danger" disabled={busy}>
            {t("council.console.cancel")}
          </button>
        </Form>
      </details>
    </section>
  );
}

/** For each item that passed: the resolution's draft form, then its publication (once the council has ended). */
function Resolutions({ snapshot }: { snapshot: CouncilSnapshot }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const decided = snapshot.items.filter((i) => i.status === "decided");
  if (decided.length === 0) return null;
  const inAMonth = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  return (
    <section className="card stack" aria-labelledby="resolutions-title">
      <h2 id="resolutions-title">{t("council.resolution.title")}</h2>
      <p className="muted">{t("council.resolution.intro")}</p>
      {decided.map((item) => {
        const r = item.resolution;
        return (
          <div key={item.id} className="stack council-subform">
            <div className="room-header">
              <strong>
                {t("council.itemNumber", { n: item.number })} <UserText>{item.title}</UserText>
              </strong>
              <span className="badge council-outcome" data-outcome={item.outcome ?? undefined}>
                {t(`ballot.outcome.${item.outcome}`)} · {t("council.approval", { rate: approvalText(item.approvalRate) })}
              </span>
            </div>
            {item.outcome !== "passed" ? (
              <p className="muted">{t("council.resolution.notPassed")}</p>
            ) : r?.published ? (
              <p>
                {t(`council.resolutionStatus.${r.status}`)} · <Link to={`/resolutions/${r.id}`}>{t("council.resolution.view")}</Link>
              </p>
            ) : (
              <>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="draftResolution" />
                  <input type="hidden" name="itemId" value={item.id} />
                  <div className="field">
                    <label htmlFor={`text-${item.id}`}>{t("council.resolution.text")}</label>
                    <textarea id={`text-${item.id}`} name="text" className="input" rows={4} required minLength={4} defaultValue={r?.text ?? item.proposal} />
                  </div>
                  <div className="field">
                    <label htmlFor={`responsible-${item.id}`}>{t("council.resolution.responsible")}</label>
                    <input id={`responsible-${item.id}`} name="responsible" className="input" required minLength={2} defaultValue={r?.responsible} />
                  </div>
                  <div className="field">
                    <label htmlFor={`deadline-${item.id}`}>{t("council.resolution.deadline")}</label>
                    <input id={`deadline-${item.id}`} name="deadline" type="date" className="input" required defaultValue={r ? r.deadline.slice(0, 10) : inAMonth} />
                  </div>
                  <div className="field">
                    <label htmlFor={`notice-${item.id}`}>{t("council.resolution.noticeDays")}</label>
                    <input id={`notice-${item.id}`} name="noticeDays" type="number" min={1} max={30} className="input" defaultValue={r?.noticeDays ?? 7} />
                  </div>
                  <button className="button" disabled={busy}>
                    {t("council.resolution.save")}
                  </button>
                </Form>
                {r ? (
                  snapshot.council.status === "resolved" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="publishResolution" />
                      <input type="hidden" name="resolutionId" value={r.id} />
                      <button className="button button--primary" disabled={busy}>
                        {t("council.resolution.publish", { days: r.noticeDays })}
                      </button>
                    </Form>
                  ) : (
                    <p className="muted small">
                      {t("council.resolution.publishAfterEnd")} · {t("council.resolution.deadlineOn", { date: formatDate(r.deadline, i18n.language) })}
                    </p>
                  )
                ) : null}
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** A short fingerprint of the loader's snapshot (djb2 over its JSON): changes whenever an action changed it. */
function versionOf(snapshot: CouncilSnapshot): string {
  const text = JSON.stringify(snapshot);
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return `${snapshot.council.status}:${h}`;
}

export default function CouncilConsole() {
  const { snapshot, candidates, matters, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const c = snapshot.council;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const preLive = c.status === "draft" || c.status === "announced";
  return (
    <div className="stack">
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
      {/* key: a new snapshot from an action (announce, a new item, a saved draft) remounts the live room with it */}
      <CouncilRoom
        key={versionOf(snapshot)}
        initial={snapshot}
        extra={(state) => (
          <>
            <ReloadOnStatusChange loaded={c.status} live={state.council.status} />
            {preLive && state.council.status === c.status ? <Preparation snapshot={snapshot} candidates={candidates} matters={matters} preview={preview} /> : null}
          </>
        )}
        footer={(state) => (state.council.status === "live" || state.council.status === "resolved" ? <Resolutions snapshot={state} /> : null)}
      />
      <p className="muted">
        {t("council.console.views")}
        {t("ballot.tally.colon")}
        <Link to={`/councils/${c.id}`}>{t("council.console.publicPage")}</Link> ·{" "}
        <Link to={`/councils/${c.id}/screen`}>{t("council.console.screen")}</Link>
        {c.status === "resolved" ? (
          <>
            {" "}
            · <a href={`/councils/${c.id}/record.json`}>{t("council.public.recordDownload")}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}
