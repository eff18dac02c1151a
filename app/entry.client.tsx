import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, type Language } from "./i18n";

// The server chose the language and wrote it into <html lang>; the browser follows it.
const lang: Language = document.documentElement.lang.startsWith("en") ? "en" : "zh";
const i18n = createI18n(lang);

// A navigation or revalidation superseded by a newer one (a click while a socket-triggered
// revalidation is still loading) is aborted on purpose, but with single fetch the router leaves the
// aborted fetch's promise unobserved (remix-run/react-router#14203), and the browser reports it as
// an uncaught "signal is aborted without reason". Nothing failed for the person using the page, so
// such a rejection is not an error; every other rejection still is.
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
