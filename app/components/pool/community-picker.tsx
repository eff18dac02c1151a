import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** For a mediator who manages several communities; a GET form, so it works before the page hydrates. */
export function CommunityPicker({ communities, current }: { communities: { id: number; name: string }[]; current: number }) {
  const { t } = useTranslation();
  if (communities.length < 2) return null;
  return (
    <Form method="get" className="pool-inline-form">
      <label htmlFor="community-picker" className="visually-hidden">
        {t("pool.community")}
      </label>
      <select id="community-picker" name="community" className="input" defaultValue={current}>
        {communities.map((c) => (
          <option key={c.id} value={c.id} data-user-content>
            {c.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {t("pool.switchCommunity")}
      </button>
    </Form>
  );
}
