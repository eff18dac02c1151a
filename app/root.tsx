import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ballotLinks } from "./components/ballot";
import { SiteHeader } from "./components/site-header";
import { htmlLang, type Language } from "./i18n";
import appStyles from "./styles/app.css";
import live from "./styles/live.css";
import tokens from "./styles/tokens.css";
import { useNonce } from "./utils/nonce";
import { getPreferences } from "./utils/preferences.server";
import { getViewer } from "./utils/viewer.server";
import { demoAccountCount } from "../server/auth/demo-guard";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tokens },
  { rel: "stylesheet", href: appStyles },
  { rel: "stylesheet", href: live },
  ...ballotLinks(),
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const prefs = await getPreferences(request);
  // Demo mode (decision 010): while accounts with the public demo password exist, every page says so.
  const demo = demoAccountCount(context.services.db) > 0;
  return { lang: prefs.lang, largeText: prefs.largeText, viewer: getViewer(context), requestId: context.requestId, demo };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  // From i18next, not the root loader: a URL no route matches renders without loader data, and the
  // browser picks its language from this attribute (entry.client) — both must agree or hydration fails.
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === "en" ? "en" : "zh";
  return (
    <html lang={htmlLang[lang]} data-large-text={data?.largeText ? "true" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f5c57" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { viewer, lang, largeText, demo } = useRouteLoaderData<typeof loader>("root")!;
  const { t, i18n } = useTranslation();
  // The page's language follows the cookie the server read; the header's switch changes i18next first.
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [i18n, lang]);
  // A route with handle.bare (the hall's big screen) fills the window without the site's header.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  if (bare) return <Outlet />;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <SiteHeader viewer={viewer} lang={lang} largeText={largeText} />
      <main id="main" className="page">
        {demo ? (
          <p className="demo-banner" role="note" data-testid="demo-banner">
            {t("admin.demoBanner")}
          </p>
        ) : null}
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main id="main" className="page">
      {/* An error page has no route meta: a title still names it (axe document-title, issue 17). */}
      <title>{notFound ? t("errors.notFound") : t("errors.title")}</title>
      <div className="card error-card" role="alert">
        <h1>{notFound ? t("errors.notFound") : t("errors.title")}</h1>
        <p>{notFound ? null : t(messageFor(status))}</p>
        {data?.requestId ? <p className="muted">{t("errors.requestId", { id: data.requestId })}</p> : null}
        <p>
          <a href="/">{t("nav.home")}</a>
        </p>
      </div>
    </main>
  );
}

/** What an error page says: only a real server fault says "server error" (issue 14, item 10). */
function messageFor(status: number) {
  if (status === 403) return "errors.forbidden";
  if (status === 413) return "errors.tooLarge";
  if (status === 429) return "errors.tooMany";
  if (status >= 400 && status < 500) return "errors.badRequest";
  return "errors.generic";
}
