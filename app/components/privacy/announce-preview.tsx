import { useState } from "react";
import { useTranslation } from "react-i18next";

/** As server/privacy/announce-preview.ts sends it (serialised). */
export type PreviewHit = { id: string; kind: "name" | "phone" | "id_number" | "room"; start: number; end: number; text: string; masked: string };
export type PreviewText = { key: string; kind: string; text: string; hits: PreviewHit[]; masked: string };

/** The text with the hits marked: masked ones show their mask, kept ones their text (issue 12). */
function Marked({ text, hits, kept, show }: { text: string; hits: PreviewHit[]; kept: Set<string>; show: "original" | "public" }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const h of hits) {
    parts.push(text.slice(at, h.start));
    const masked = !kept.has(h.id);
    parts.push(
      <mark key={h.id} className={`pii${masked ? "" : " pii--kept"}`} data-kind={h.kind}>
        {show === "public" && masked ? h.masked : h.text}
      </mark>,
    );
    at = h.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * The chair's preview before announcing: every text that becomes public, personal data highlighted
 * and masked by default. Ticking "publish as written" keeps one item; the confirmation is then
 * required (the server checks it again). Goes inside the announce form.
 */
export function AnnouncePreview({ texts }: { texts: PreviewText[] }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState<Set<string>>(new Set());
  const total = texts.reduce((n, x) => n + x.hits.length, 0);
  const toggle = (id: string, on: boolean) =>
    setKept((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <section className="public-preview stack" aria-labelledby="public-preview-title" data-testid="announce-preview">
      <h3 id="public-preview-title">{t("privacy.preview.title")}</h3>
      <p className="muted">{t("privacy.preview.intro")}</p>
      <p className={`alert ${total ? "alert--warning" : "alert--info"}`} role="status">
        {total ? t("privacy.preview.found", { count: total }) : t("privacy.preview.none")}
      </p>
      <dl className="public-preview__list">
        {texts.map((x) => (
          <div key={x.key} className="public-preview__item" data-testid={`preview-${x.key}`}>
            <dt>{t(`privacy.preview.kind.${x.kind}`)}</dt>
            <dd className="stack">
              <p className="public-preview__text" data-user-content>
                {x.text ? <Marked text={x.text} hits={x.hits} kept={kept} show="original" /> : <span className="muted">{t("privacy.preview.empty")}</span>}
              </p>
              {x.hits.length ? (
                <>
                  <p className="public-preview__public small">
                    <span className="muted">{t("privacy.preview.publishedAs")}：</span>
                    <span data-user-content data-testid={`published-${x.key}`}>
                      <Marked text={x.text} hits={x.hits} kept={kept} show="public" />
                    </span>
                  </p>
                  <ul className="public-preview__hits">
                    {x.hits.map((h) => (
                      <li key={h.id}>
                        <label className="check">
                          <input type="checkbox" name="keep" value={h.id} checked={kept.has(h.id)} onChange={(e) => toggle(h.id, e.currentTarget.checked)} />
                          <span>
                            <span className="badge">{t(`privacy.preview.hit.${h.kind}`)}</span> {t("privacy.preview.keep", { text: h.text })}
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {kept.size ? (
        <label className="check public-preview__confirm">
          <input type="checkbox" name="confirmUnmasked" value="on" required />
          <span>{t("privacy.preview.confirmUnmasked")}</span>
        </label>
      ) : null}
    </section>
  );
}
