import type { AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";
import { createI18n } from "~/i18n";
import { getLanguage } from "./preferences.server";

/** The site's public origin: PUBLIC_ORIGIN behind a proxy, else the request's own. */
export function publicOrigin(context: AppLoadContext, request: Request): string {
  return context.services.env.PUBLIC_ORIGIN?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

/** A QR code of a public page's address as an SVG data URL (for the notice board and the print-out). */
export async function qrFor(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** The viewer's translation function in a loader (titles and descriptions for meta tags, feeds). */
export async function serverT(request: Request) {
  const lang = await getLanguage(request);
  return { t: createI18n(lang).t, lang };
}
