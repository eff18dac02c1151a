import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import adminStyles from "~/components/admin/admin.css";
import { ConfirmForm } from "~/components/admin/confirm-form";
import { CommunityPicker } from "~/components/pool/community-picker";
import { requirePoolCommunity } from "~/components/pool/pool-route.server";
import { orRespond } from "~/utils/respond.server";
import poolStyles from "~/components/pool/pool.css";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { publicOrigin } from "~/utils/share.server";
import { readForm } from "~/utils/request.server";
import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "poolSlips", {}, true);
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: poolStyles },
  { rel: "stylesheet", href: adminStyles },
];

/**
 * Activation slips (issue 13, decision 011): the mediator issues slips to every active representative
 * of the community (after an import) or to one (`?rep=`), and prints them on A4. The secrets exist only
 * in this response: the database keeps their hashes, so a lost sheet means re-issuing.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community, communities } = requirePoolCommunity(context, request);
  const rep = Number(new URL(request.url).searchParams.get("rep")) || null;
  const active = orRespond(() => context.services.pool.list(context.principal, community.id, { status: "active" })).representatives;
  const one = rep ? active.find((r) => r.id === rep) : undefined;
  return { community, communities, count: active.length, one: one ? { id: one.id, name: one.name } : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { community } = requirePoolCommunity(context, request);
  const form = await readForm(request);
  const one = Number(form.get("representativeId")) || null;
  return handleDomainErrors(async () => {
    if (form.get("intent") === "link") {
      context.services.activation.linkAccount(context.principal, { representativeId: one, username: String(form.get("username") ?? "") });
      return { linked: true as const };
    }
    const ids = one
      ? [one]
      : context.services.pool.list(context.principal, community.id, { status: "active" }).representatives.map((r) => r.id);
    if (ids.length === 0) return { slips: [] };
    // The service checks manage:pool:own for each representative's own community.
    const issued = context.services.activation.issue(context.principal, { representativeIds: ids });
    const origin = publicOrigin(context, request);
    const slips = await Promise.all(
      issued.map(async (s) => ({
        representativeId: s.representativeId,
        name: s.name,
        community: s.community,
        code: s.code,
        expiresAt: s.expiresAt.toISOString(),
        qr: await QRCode.toDataURL(`${origin}/activate/${s.token}`, { margin: 1, width: 240, errorCorrectionLevel: "M" }),
      })),
    );
    return { slips, activateUrl: `${origin}/activate` };
  });
}

export default function PoolSlips() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const error = answer && "error" in answer ? answer.error : null;
  const slips = answer && "slips" in answer ? answer.slips : null;
  const activateUrl = answer && "activateUrl" in answer ? answer.activateUrl : "/activate";
  const linked = answer && "linked" in answer;
  const busy = useNavigation().state === "submitting";
  const q = `?community=${data.community.id}`;
  return (
    <div className="stack">
      <div className="no-print stack">
        <Link to={`/manage/pool${q}`} className="pool-back">
          ← {t("pool.backToList")}
        </Link>
        <div className="pool-header">
          <h1>
            {t("admin.slips.title")} · <UserText>{data.community.name}</UserText>
          </h1>
          <CommunityPicker communities={data.communities} current={data.community.id} />
        </div>
        <p className="muted">{t("admin.slips.intro")}</p>
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(t, error)}
          </div>
        ) : null}
        {linked ? (
          <div className="alert alert--success" role="status">
            {t("admin.slips.linked")}
          </div>
        ) : null}
        {slips ? (
          <div className="alert alert--success admin-tree__head" role="status">
            <span>{t("admin.slips.issued", { count: slips.length })}</span>
            <button type="button" className="button button--small button--primary" onClick={() => window.print()}>
              {t("admin.slips.print")}
            </button>
          </div>
        ) : (
          <div className="admin-actions">
            {data.one ? (
              <ConfirmForm
                intent="issue"
                label={`${t("admin.slips.action")} · ${data.one.name}`}
                question={t("admin.slips.issueConfirm", { count: 1 })}
                fields={{ representativeId: data.one.id }}
              />
            ) : (
              <ConfirmForm intent="issue" label={t("admin.slips.issueAll", { count: data.count })} question={t("admin.slips.issueConfirm", { count: data.count })} />
            )}
          </div>
        )}
      </div>
      {data.one && !slips ? (
        <section className="card stack no-print" aria-labelledby="link-account">
          <h2 id="link-account">{t("admin.slips.linkTitle")}</h2>
          <p className="muted">{t("admin.slips.linkIntro")}</p>
          <Form method="post" className="admin-row">
            <input type="hidden" name="intent" value="link" />
            <input type="hidden" name="representativeId" value={data.one.id} />
            <div className="field">
              <Label.Root htmlFor="link-username">{t("admin.slips.linkUsername")}</Label.Root>
              <input id="link-username" name="username" className="input" required maxLength={64} autoComplete="off" />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("admin.slips.linkSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      {slips ? (
        <ul className="slips" aria-label={t("admin.slips.title")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {slips.map((s) => (
            <li key={s.representativeId} className="slip" data-testid="slip">
              <img className="slip__qr" src={s.qr} alt="" width={120} height={120} />
              <div className="stack" style={{ gap: "0.25rem" }}>
                <p className="slip__heading">{t("admin.slips.heading")}</p>
                <p className="slip__name">{s.name}</p>
                <p className="slip__small">
                  {t("admin.slips.community")}：{s.community}
                </p>
                <p className="slip__small">{t("admin.slips.code")}</p>
                <p className="slip__code" data-testid="slip-code">
                  {s.code}
                </p>
                <p className="slip__small">{t("admin.slips.howTo", { url: activateUrl })}</p>
                <p className="slip__small muted">{t("admin.slips.expires", { date: formatDate(s.expiresAt, i18n.language) })}</p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
