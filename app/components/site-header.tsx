import { Form, Link, NavLink, useFetcher, useLocation } from "@remix-run/react";
import { DropdownMenu, Toggle } from "radix-ui";
import { useTranslation } from "react-i18next";
import { htmlLang, type Language } from "~/i18n";
import { hasPermission, type Viewer } from "~/utils/viewer";

type NavItem = { to: string; label: string };

/** Navigation depends on what the viewer may do; the same permission strings guard the routes. */
function navItems(viewer: Viewer, t: (k: string) => string): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: t("nav.home") }];
  // The public portal (issue 17): everyone reads what was decided, searches it and sees the figures.
  items.push({ to: "/rulings", label: t("portal.nav.rulings") });
  if (!hasPermission(viewer, "post:progress:own")) items.push({ to: "/resolutions", label: t("portal.nav.resolutions") });
  if (hasPermission(viewer, "manage:hearing:own")) items.push({ to: "/manage/hearings", label: t("nav.hearings") });
  if (hasPermission(viewer, "manage:council:own")) items.push({ to: "/manage/councils", label: t("nav.councils") });
  // Everyone else (the public, representatives, supervisors) reads the councils' notices and results.
  else items.push({ to: "/councils", label: t("nav.councils") });
  if (hasPermission(viewer, "manage:matter:own")) items.push({ to: "/manage/matters", label: t("nav.matters") });
  if (hasPermission(viewer, "post:progress:own")) items.push({ to: "/resolutions", label: t("council.nav.supervise") });
  if (hasPermission(viewer, "manage:pool:own")) items.push({ to: "/manage/pool", label: t("nav.pool") });
  if (hasPermission(viewer, "vote:ballot:own")) items.push({ to: "/me", label: t("nav.myMeetings") });
  if (hasPermission(viewer, "manage:user:any")) items.push({ to: "/admin", label: t("nav.accounts") });
  if (hasPermission(viewer, "moderate:comment:own")) items.push({ to: "/manage/comments", label: t("portal.nav.comments") });
  items.push({ to: "/search", label: t("portal.nav.search") }, { to: "/stats", label: t("portal.nav.stats") }, { to: "/reports", label: t("portal.nav.reports") });
  return items;
}

export function SiteHeader({ viewer, lang, largeText }: { viewer: Viewer; lang: Language; largeText: boolean }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const prefs = useFetcher();
  const langFetcher = useFetcher();
  // The language shown now: i18next changes at once on a switch, before the cookie round trip ends.
  const current: Language = i18n.language === "en" ? "en" : i18n.language === "zh" ? "zh" : lang;
  const nextLang: Language = current === "zh" ? "en" : "zh";
  const items = navItems(viewer, t);
  const returnTo = location.pathname + location.search;
  // Optimistic: the toggle shows the new state while the cookie is being written.
  const pendingLarge = prefs.formData?.get("largeText");
  const large = pendingLarge != null ? pendingLarge === "true" : largeText;

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            {t("app.mark")}
          </span>
          <span className="brand__name">{t("app.name")}</span>
        </Link>

        <nav aria-label={t("nav.menu")} className="nav-inline">
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === "/"} className="nav-link">
              {item.label}
            </NavLink>
          ))}
        </nav>

        <div className="header-tools">
          <Toggle.Root
            className="tool-button"
            pressed={large}
            title={t("prefs.largeText")}
            onPressedChange={(pressed) => {
              document.documentElement.toggleAttribute("data-large-text", pressed);
              if (pressed) document.documentElement.setAttribute("data-large-text", "true");
              prefs.submit({ intent: "largeText", largeText: String(pressed), returnTo, stay: "true" }, { method: "post", action: "/preferences" });
            }}
          >
            <span aria-hidden="true">{t("prefs.largeTextMark")}</span>
            <span className="tool-button__label">{t("prefs.largeText")}</span>
          </Toggle.Root>
          {/* Without JavaScript this is a plain form (the server redirects back); with it, the page
              switches language at once and the cookie is written in the background (issue 17). */}
          <langFetcher.Form
            method="post"
            action="/preferences"
            onSubmit={(e) => {
              e.preventDefault();
              void i18n.changeLanguage(nextLang);
              document.documentElement.lang = htmlLang[nextLang];
              langFetcher.submit({ intent: "language", lang: nextLang, returnTo, stay: "true" }, { method: "post", action: "/preferences" });
            }}
          >
            <input type="hidden" name="intent" value="language" />
            <input type="hidden" name="lang" value={nextLang} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <button type="submit" className="tool-button" title={t("prefs.languageLabel")} lang={htmlLang[nextLang]} data-testid="language-switch">
              {t("prefs.language")}
            </button>
          </langFetcher.Form>

          {viewer.kind === "user" ? (
            <DropdownMenu.Root>
              {/* On a phone the name is hidden and the avatar aria-hidden: the title still names the button. */}
              <DropdownMenu.Trigger className="tool-button user-button" title={viewer.displayName} data-user-content>
                <span className="avatar" aria-hidden="true">
                  {viewer.displayName.slice(0, 1)}
                </span>
                <span className="tool-button__label">{viewer.displayName}</span>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
                  <DropdownMenu.Label className="menu__label">
                    {viewer.roles.map((r) => t(`roles.${r}`)).join(" · ")}
                  </DropdownMenu.Label>
                  {items.slice(1).map((item) => (
                    <DropdownMenu.Item key={item.to} className="menu__item" asChild>
                      <Link to={item.to}>{item.label}</Link>
                    </DropdownMenu.Item>
                  ))}
                  <DropdownMenu.Separator className="menu__separator" />
                  <DropdownMenu.Item className="menu__item" asChild>
                    <Link to="/me/sessions">{t("admin.account.sessionsTitle")}</Link>
                  </DropdownMenu.Item>
                  <DropdownMenu.Item className="menu__item" asChild>
                    <Link to="/me/password">{t("admin.account.passwordTitle")}</Link>
                  </DropdownMenu.Item>
                  <DropdownMenu.Item className="menu__item" asChild>
                    <Form method="post" action="/logout">
                      <button type="submit" className="menu__button">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          ) : viewer.kind === "invitee" ? (
            <span className="tool-button" aria-label={t("roles.party")} data-user-content>
              {viewer.label}
            </span>
          ) : (
            <Link to="/login" className="button button--primary button--small">
              {t("nav.login")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
