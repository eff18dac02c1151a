import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { defaultLanguage, languages, type Language } from "~/i18n";

/** Language and large-text mode (适老化) persist in a plain cookie: not secret, needed before login. */
const prefsCookie = createCookie("civic_prefs", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export const PreferencesSchema = z.object({
  lang: z.enum(languages).catch(defaultLanguage),
  largeText: z.boolean().catch(false),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export async function getPreferences(request: Request): Promise<Preferences> {
  const raw = await prefsCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return PreferencesSchema.parse(raw ?? {});
}

export function serializePreferences(prefs: Preferences): Promise<string> {
  return prefsCookie.serialize(prefs);
}

export async function getLanguage(request: Request): Promise<Language> {
  return (await getPreferences(request)).lang;
}
