import { titleMeta } from "~/utils/meta";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RepresentativeInput } from "../../server/pool/schemas";
import { FormError } from "~/components/pool/field";
import { isFormResult } from "~/components/pool/form-result";
import { invalidForm, poolAction, requirePoolCommunity } from "~/components/pool/pool-route.server";
import poolStyles from "~/components/pool/pool.css";
import { RepresentativeForm } from "~/components/pool/representative-form";
import { representativeFromForm } from "~/components/pool/representative-form-data";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "poolNew");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: poolStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community } = requirePoolCommunity(context, request);
  const { pool } = context.services;
  return {
    community,
    units: pool.units(context.principal, community.id).map((u) => ({ id: u.id, path: u.path, kind: u.kind })),
    features: pool.features(context.principal, community.id).map((f) => ({ key: f.key, label: f.label, values: f.values })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { community } = requirePoolCommunity(context, request);
  const parsed = RepresentativeInput.safeParse(representativeFromForm(await readForm(request)));
  if (!parsed.success) return invalidForm("create", parsed.error);
  return poolAction("create", () => {
    const rep = context.services.pool.create(context.principal, community.id, parsed.data);
    return redirect(`/manage/pool/${rep.id}?saved=created`);
  });
}

export default function NewRepresentative() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = isFormResult(actionData) ? actionData : null;
  return (
    <div className="stack">
      <Link to={`/manage/pool?community=${data.community.id}`} className="pool-back">
        ← {t("pool.backToList")}
      </Link>
      <div className="card">
        <h1>{t("pool.create.title")}</h1>
        <p className="muted">{t("pool.create.lead")}</p>
        <FormError error={result?.formError} />
        <RepresentativeForm
          intent="create"
          units={data.units}
          features={data.features}
          defaults={{ name: "", phone: null, unitId: null, category: null, nomination: null, features: {} }}
          result={result}
          submitLabel={t("pool.actions.create")}
        />
      </div>
    </div>
  );
}
