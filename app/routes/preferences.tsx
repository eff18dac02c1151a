import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { languages } from "~/i18n";
import { safeRedirect } from "~/utils/auth.server";
import { getPreferences, serializePreferences } from "~/utils/preferences.server";
import { readForm } from "~/utils/request.server";

const PreferencesForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("language"), lang: z.enum(languages), returnTo: z.string().optional(), stay: z.literal("true").optional() }),
  z.object({ intent: z.literal("largeText"), largeText: z.enum(["true", "false"]), returnTo: z.string().optional(), stay: z.literal("true").optional() }),
]);

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = PreferencesForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("invalid_input", { status: 400 });
  const prefs = await getPreferences(request);
  const next =
    parsed.data.intent === "language" ? { ...prefs, lang: parsed.data.lang } : { ...prefs, largeText: parsed.data.largeText === "true" };
  const setCookie = { "Set-Cookie": await serializePreferences(next) };
  // A script that already switched the page in place (site header) asks to stay: no navigation.
  if (parsed.data.stay) return data({ ok: true, prefs: next }, { headers: setCookie });
  return redirect(safeRedirect(parsed.data.returnTo), { headers: setCookie });
}
