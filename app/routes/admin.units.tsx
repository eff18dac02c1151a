import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useTranslation } from "react-i18next";
import { ConfirmForm } from "~/components/admin/confirm-form";
import { idParam, requireAdmin } from "~/components/admin/admin-route.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { readForm } from "~/utils/request.server";

type Kind = "street" | "community" | "grid" | "building";
const kinds: Kind[] = ["street", "community", "grid", "building"];
const parentKind: Record<Kind, Kind | null> = { street: null, community: "street", grid: "community", building: "grid" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(context, request, "manage:unit:any");
  const all = context.services.units.list();
  // Depth-first order, so the tree reads top to bottom: street → community → grid → building.
  const children = new Map<number | null, typeof all>();
  for (const u of all) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const ordered: { id: number; kind: Kind; name: string; parentId: number | null; retired: boolean; depth: number }[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const u of children.get(parentId) ?? []) {
      ordered.push({ id: u.id, kind: u.kind, name: u.name, parentId: u.parentId, retired: u.retiredAt !== null, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return { units: ordered };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(context, request, "manage:unit:any");
  const form = Object.fromEntries(await readForm(request));
  const units = context.services.units;
  const p = context.principal;
  return handleDomainErrors(() => {
    switch (form.intent) {
      case "create":
        units.create(p, { kind: form.kind, name: form.name, parentId: form.parentId || undefined });
        return { ok: "created" as const };
      case "rename":
        units.rename(p, idParam(form.id), String(form.name ?? ""));
        return { ok: "renamed" as const };
      case "move":
        units.move(p, idParam(form.id), idParam(form.parentId));
        return { ok: "moved" as const };
      case "retire":
        units.retire(p, idParam(form.id));
        return { ok: "retiredDone" as const };
      case "restore":
        units.restore(p, idParam(form.id));
        return { ok: "restored" as const };
      default:
        return { error: { code: "invalid_input" } };
    }
  });
}

export default function AdminUnits() {
  const { t } = useTranslation();
  const { units } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = answer && "error" in answer ? answer.error : null;
  const ok = answer && "ok" in answer ? answer.ok : null;
  const live = units.filter((u) => !u.retired);
  const label = (u: { kind: Kind; name: string }) => t("admin.units.unitLabel", { name: u.name, kind: t(`admin.units.kinds.${u.kind}`) });
  return (
    <>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      {ok ? (
        <div className="alert alert--success" role="status">
          {t(`admin.units.${ok}`)}
        </div>
      ) : null}
      <section className="card stack" aria-labelledby="create-unit">
        <h2 id="create-unit">{t("admin.units.createTitle")}</h2>
        <Form method="post" className="admin-row">
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <Label.Root htmlFor="unit-kind">{t("admin.units.kind")}</Label.Root>
            <select id="unit-kind" name="kind" className="input" defaultValue="community">
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`admin.units.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <Label.Root htmlFor="unit-name">{t("admin.units.name")}</Label.Root>
            <input id="unit-name" name="name" className="input" required maxLength={60} />
          </div>
          <div className="field">
            <Label.Root htmlFor="unit-parent">{t("admin.units.parent")}</Label.Root>
            <select id="unit-parent" name="parentId" className="input">
              <option value="">{t("admin.units.noParent")}</option>
              {live
                .filter((u) => u.kind !== "building")
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {"　".repeat(u.depth)}
                    {label(u)}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("admin.units.create")}
          </button>
        </Form>
      </section>

      <section className="stack" aria-labelledby="unit-tree">
        <h2 id="unit-tree">{t("admin.units.title")}</h2>
        <ul className="admin-tree">
          {units.map((u) => {
            const parents = live.filter((x) => x.kind === parentKind[u.kind] && x.id !== u.parentId);
            return (
              <li
                key={u.id}
                className={u.retired ? "admin-tree__item admin-tree__item--retired" : "admin-tree__item"}
                style={{ marginInlineStart: `${u.depth * 1}rem` }}
                data-testid={`unit-${u.name}`}
              >
                <div className="admin-tree__head">
                  <span>
                    <span className="badge">{t(`admin.units.kinds.${u.kind}`)}</span> <strong>{u.name}</strong>{" "}
                    {u.retired ? <span className="badge admin-badge--off">{t("admin.units.retired")}</span> : null}
                  </span>
                  {u.retired ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="id" value={u.id} />
                      <button type="submit" className="button button--small" disabled={busy}>
                        {t("admin.units.restore")}
                      </button>
                    </Form>
                  ) : null}
                </div>
                {!u.retired ? (
                  <details>
                    <summary>{t("admin.units.manage")}</summary>
                    <Form method="post" className="admin-row">
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="id" value={u.id} />
                      <div className="field">
                        <Label.Root htmlFor={`rename-${u.id}`}>{t("admin.units.newName")}</Label.Root>
                        <input id={`rename-${u.id}`} name="name" className="input" defaultValue={u.name} required maxLength={60} />
                      </div>
                      <button type="submit" className="button button--small" disabled={busy}>
                        {t("admin.units.rename")}
                      </button>
                    </Form>
                    {parentKind[u.kind] ? (
                      <Form method="post" className="admin-row">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="id" value={u.id} />
                        <div className="field">
                          <Label.Root htmlFor={`move-${u.id}`}>{t("admin.units.move")}</Label.Root>
                          <select id={`move-${u.id}`} name="parentId" className="input">
                            {parents.map((x) => (
                              <option key={x.id} value={x.id}>
                                {label(x)}
                              </option>
                            ))}
                          </select>
                        </div>
                        <button type="submit" className="button button--small" disabled={busy || parents.length === 0}>
                          {t("admin.units.move")}
                        </button>
                      </Form>
                    ) : null}
                    <div className="admin-actions">
                      <ConfirmForm intent="retire" danger label={t("admin.units.retire")} question={t("admin.units.retireConfirm", { name: u.name })} fields={{ id: u.id }} />
                    </div>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
