import { useTranslation } from "react-i18next";

/**
 * The community a mediator is acting for: a choice when they manage several, a hidden field when
 * they manage one. The server checks the permission for whichever is posted.
 */
export function CommunityField({ communities }: { communities: { id: number; name: string }[] }) {
  const { t } = useTranslation();
  if (communities.length <= 1) return <input type="hidden" name="communityId" value={communities[0]?.id} />;
  return (
    <div className="field">
      <label htmlFor="communityId">{t("council.fields.community")}</label>
      <select id="communityId" name="communityId" className="input">
        {communities.map((c) => (
          <option key={c.id} value={c.id} data-user-content>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
