import { titleMeta } from "~/utils/meta";
import { SystemText } from "~/components/system-text";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { beijingDateTime, runAction } from "~/components/council/council-route.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { errorMessage } from "~/utils/errors";
import { CommunityField } from "~/components/community-field";
import { unitsWhere } from "../../server/auth/permissions";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councilNew");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, "manage:council:own");
  const communities = unitsWhere(user, "manage:council:own")
    .map((id) => context.services.units.get(id))
    .filter((u) => u?.kind === "community")
    .map((c) => ({ id: c!.id, name: c!.name, representatives: context.services.councils.lifecycle.candidates(context.principal, c!.id) }));
  return { communities };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUserWithPermission(context, request, "manage:council:own");
  const form = await readForm(request);
  const voting = new Set(form.getAll("voting").map(String));
  const communityId = Number(form.get("communityId"));
  return runAction(() => {
    const council = context.services.councils.lifecycle.convene(context.principal, {
      communityId,
      title: String(form.get("title") ?? ""),
      place: String(form.get("place") ?? ""),
      scheduledAt: beijingDateTime(form.get("scheduledAt") ?? "") ?? new Date(NaN),
      // Only the representatives of the chosen community take part (the form lists every community's).
      representatives: form
        .getAll("member")
        .map(String)
        .filter((v) => v.startsWith(`${communityId}:`))
        .map((v) => {
          const representativeId = Number(v.split(":")[1]);
          return { representativeId, voting: voting.has(String(representativeId)) };
        }),
    });
    return redirect(`/manage/councils/${council.id}`);
  });
}

export default function ConveneCouncil() {
  const { communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  const weekAhead = new Date(Date.now() + 8 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 11) + "19:00";
  return (
    <div className="card stack council-form">
      <h1>{t("council.convene.title")}</h1>
      <p className="muted">{t("council.convene.intro")}</p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <CommunityField communities={communities} />
        <div className="field">
          <label htmlFor="title">{t("council.fields.title")}</label>
          <input id="title" name="title" className="input" required minLength={2} maxLength={120} placeholder={t("council.fields.titleHint")} />
        </div>
        <div className="field">
          <label htmlFor="place">{t("council.fields.place")}</label>
          <input id="place" name="place" className="input" required minLength={2} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="scheduledAt">{t("council.fields.scheduledAt")}</label>
          <input id="scheduledAt" name="scheduledAt" type="datetime-local" className="input" required defaultValue={weekAhead} />
        </div>
        {communities.map((c) => (
          <fieldset key={c.id} className="field council-members">
            <legend>
              {t("council.fields.members")}
              {communities.length > 1 ? `（${c.name}）` : ""}
            </legend>
            <p className="muted small">{t("council.fields.membersHint")}</p>
            <ul className="council-members__list">
              {c.representatives.map((r) => (
                <li key={r.id}>
                  <label>
                    <input type="checkbox" name="member" value={`${c.id}:${r.id}`} defaultChecked={r.hasLogin} /> <SystemText text={r.name} />
                  </label>
                  <label className="muted small">
                    <input type="checkbox" name="voting" value={r.id} defaultChecked={r.hasLogin} disabled={!r.hasLogin} /> {t("council.participant.voting")}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        <button className="button button--primary" disabled={busy}>
          {t("council.convene.submit")}
        </button>
      </Form>
    </div>
  );
}
