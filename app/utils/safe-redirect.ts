const BASE = "http://same-origin.invalid";

/**
 * Only a path on this site is followed after login (or a preference change), never an attacker's URL.
 * Browsers drop tabs and newlines inside a URL and read `\` as `/`, so `/<TAB>/evil.example` becomes
 * `//evil.example`: any control character, whitespace or backslash sends the visitor to the fallback.
 * What is returned is re-serialised by the URL parser (percent-encoded), so it is always a valid
 * Location header — no input can turn a successful login into a 500.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || /[\u0000-\u0020\u007f-\u009f\\\u2028\u2029\ufeff]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
