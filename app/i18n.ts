import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./locales/en";
import zh from "./locales/zh";

export const languages = ["zh", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh";
/** BCP 47 tags for <html lang>, Intl and screen readers. */
export const htmlLang: Record<Language, string> = { zh: "zh-CN", en: "en" };

export const resources = { zh: { translation: zh }, en: { translation: en } } as const;

/**
 * One i18next instance per request on the server, one for the page in the browser. Both languages
 * are bundled (they are small), so there is no loading step and no flash of untranslated text.
 */
export function createI18n(lng: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: defaultLanguage,
    resources,
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
  });
  return instance;
}
