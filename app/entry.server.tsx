import { Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "./i18n";
import { NonceContext } from "./utils/nonce";
import { getLanguage } from "./utils/preferences.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = createI18n(await getLanguage(request));
  varyByPreferences(responseHeaders);
  const nonce = loadContext.nonce;
  // Bots and crawlers get the whole document at once; people get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutStrayNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged by Express with the request id; avoid double logging before it.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** React's fixed view size in renderToPipeableStream (react-dom/server, 18.x). */
const REACT_VIEW_SIZE = 2048;

/**
 * React 18.3.1's renderToPipeableStream flushes its whole 2048-byte view when a multi-byte character
 * does not fit at its end, so the unused 1–3 bytes go out as NUL bytes in the middle of Chinese text
 * (facebook/react#31134, #24985; fixed in React 19). Seen in issue 13: "不能进行此\0操作" once the demo
 * banner shifted a page's bytes. A full view ending in NUL can only be that padding (the HTML React
 * writes holds no NUL): strip it.
 */
function withoutStrayNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      if (end === REACT_VIEW_SIZE) while (end > REACT_VIEW_SIZE - 3 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}

/**
 * A page that may be cached (a published ruling, the home page) is rendered in the language and text
 * size of the preferences cookie: a browser or proxy must not serve it to a cookie it was not made for.
 */
function varyByPreferences(headers: Headers) {
  if (/\bpublic\b/.test(headers.get("Cache-Control") ?? "")) headers.append("Vary", "Cookie");
}

export function handleDataRequest(response: Response) {
  varyByPreferences(response.headers);
  return response;
}

/**
 * Remix reports every error of a loader or action here. A request the browser abandoned, or a URL no
 * route matches (a 404, e.g. /favicon.ico), is not a server error: logging its stack would bury the
 * real ones.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404 || status === 405) return;
  console.error(error);
}
