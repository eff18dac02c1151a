import i18next, { type TFunction } from "i18next";
import { defaultLanguage, resources, type Language } from "~/i18n";

/**
 * Translations for a route's `meta` function, which runs outside React (no useTranslation). The
 * language is the root loader's (the preferences cookie); it revalidates on a language switch, so
 * the document title follows the page without a reload (issue 17).
 */
const instances = new Map<Language, TFunction>();
function tFor(lang: Language): TFunction {
  let t = instances.get(lang);
  if (!t) {
    // A separate instance without the React binding: it must not replace the page's own i18next.
    const instance = i18next.createInstance();
    void instance.init({ lng: lang, fallbackLng: defaultLanguage, resources, interpolation: { escapeValue: false }, initImmediate: false });
    t = instance.t.bind(instance) as TFunction;
    instances.set(lang, t);
  }
  return t;
}

type Match = { id: string; data?: unknown };

export function metaT(matches: readonly Match[]): TFunction {
  const lang = (matches.find((m) => m.id === "root")?.data as { lang?: Language } | undefined)?.lang;
  return tFor(lang === "en" ? "en" : defaultLanguage);
}

/** `[{ title }]` from `titles.<key>` in the page's language; `noindex` for pages reached by a private link. */
export function titleMeta(matches: readonly Match[], key: string, values: Record<string, string> = {}, noindex = false) {
  const title = metaT(matches)(`titles.${key}`, values) as string;
  return noindex ? [{ title }, { name: "robots", content: "noindex" }] : [{ title }];
}
