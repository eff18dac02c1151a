import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import type { ImportIssue } from "../../server/pool/csv-import";
import { CommunityPicker } from "~/components/pool/community-picker";
import { decodeCsv, IMPORT_LIMIT_BYTES } from "~/components/pool/csv-upload.server";
import { requirePoolCommunity } from "~/components/pool/pool-route.server";
import { orRespond } from "~/utils/respond.server";
import poolStyles from "~/components/pool/pool.css";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "poolImport");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: poolStyles }];

/** Shown in the "too large" message; the server-side limit is IMPORT_LIMIT_BYTES. */
const IMPORT_LIMIT_MB = 2;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community, communities } = requirePoolCommunity(context, request);
  return { community, communities };
}

type ImportAnswer =
  | { kind: "done"; created: number; updated: number; unchanged: number }
  | { kind: "report"; issues: ImportIssue[] }
  | { kind: "file"; message: "noFile" | "tooLarge" | "notUtf8" };

export async function action({ request, context }: ActionFunctionArgs) {
  // Authorise before reading the upload, and refuse an oversized body before buffering it.
  const { community } = requirePoolCommunity(context, request);
  const fail = (answer: ImportAnswer) => data(answer, { status: 400 });
  if (Number(request.headers.get("content-length") ?? 0) > IMPORT_LIMIT_BYTES + 64 * 1024) return fail({ kind: "file", message: "tooLarge" });
  const form = await readForm(request);
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return fail({ kind: "file", message: "noFile" });
  if (file.size > IMPORT_LIMIT_BYTES) return fail({ kind: "file", message: "tooLarge" });
  const text = decodeCsv(await file.arrayBuffer());
  if (text === null) return fail({ kind: "file", message: "notUtf8" });
  const result = orRespond(() => context.services.pool.importCsv(context.principal, community.id, text));
  if (!result.ok) return fail({ kind: "report", issues: result.issues });
  return data<ImportAnswer>({ kind: "done", created: result.created, updated: result.updated, unchanged: result.unchanged });
}

export default function PoolImport() {
  const { t } = useTranslation();
  const { community, communities } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ImportAnswer | undefined;
  const busy = useNavigation().state === "submitting";
  const q = `?community=${community.id}`;
  const issueText = (issue: ImportIssue) => {
    const key = `pool.import.issue.${issue.code}`;
    const text = t(key, issue.params ?? {});
    return text === key ? t("pool.import.issue.invalid") : text;
  };
  return (
    <div className="stack">
      <Link to={`/manage/pool${q}`} className="pool-back">
        ← {t("pool.backToList")}
      </Link>
      <div className="pool-header">
        <h1>
          {t("pool.import.title")} · <UserText>{community.name}</UserText>
        </h1>
        <CommunityPicker communities={communities} current={community.id} />
      </div>

      {answer?.kind === "done" ? (
        <div className="alert alert--success" role="status">
          {t("pool.import.success", answer)}
        </div>
      ) : null}
      {answer?.kind === "file" ? (
        <div className="alert alert--error" role="alert">
          {t(`pool.import.${answer.message}`, { mb: IMPORT_LIMIT_MB })}
        </div>
      ) : null}
      {answer?.kind === "report" ? (
        <section className="card" aria-labelledby="import-report">
          <div className="alert alert--error" role="alert" id="import-report">
            {t("pool.import.failed", { count: answer.issues.length })}
          </div>
          <div className="pool-scroll">
            <table className="pool-report">
              <thead>
                <tr>
                  <th scope="col">{t("pool.import.row")}</th>
                  <th scope="col">{t("pool.import.column")}</th>
                  <th scope="col">{t("pool.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {answer.issues.map((issue, i) => (
                  <tr key={i}>
                    <td>{t("pool.import.rowLabel", { row: issue.row })}</td>
                    <td className="mono">{issue.column}</td>
                    <td>{issueText(issue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <div className="card">
        <p>{t("pool.import.lead")}</p>
        <p className="muted">{t("pool.import.rules")}</p>
        <p className="muted pool-hint">{t("pool.import.columns")}</p>
        <p>
          <a href={`/manage/pool.csv${q}`} download>
            {t("pool.import.downloadTemplate")}
          </a>
        </p>
        <Form method="post" encType="multipart/form-data" className="pool-form">
          <div className="field">
            <Label.Root htmlFor="import-file">{t("pool.import.file")}</Label.Root>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" className="input" required />
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("pool.import.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
