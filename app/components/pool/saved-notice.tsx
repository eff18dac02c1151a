import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The success message after a form posted and redirected here with `?saved=<what>`. */
export function SavedNotice() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  if (!saved || !/^[a-zA-Z]+$/.test(saved)) return null;
  const text = t(`pool.saved.${saved}`);
  if (text === `pool.saved.${saved}`) return null;
  return (
    <div className="alert alert--success" role="status">
      {text}
    </div>
  );
}
