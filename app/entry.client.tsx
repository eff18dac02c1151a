import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, type Language } from "./i18n";

// The server chose the language and wrote it into <html lang>; the browser follows it.
const lang: Language = document.documentElement.lang.startsWith("en") ? "en" : "zh";
const i18n = createI18n(lang);

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
