import { Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "./i18n";
import { NonceContext } from "./utils/nonce";
import { getLanguage } from "./utils/preferences.server";

/** What an aborted render answers: plain text, both languages, never a stack. */
const BUSY_MESSAGE = "服务器繁忙，请稍后再试。\nServer busy, please try again.\n";

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
  const { env, log } = loadContext.services;
  const abortDelay = env.RENDER_TIMEOUT_MS;
  // Bots and crawlers get the whole document at once; people get it streamed.
  const bot = isbot(request.headers.get("user-agent") ?? "");

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const respond = () => {
      if (shellRendered || timedOut) return;
      shellRendered = true;
      const body = withoutStrayNulBytes();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={abortDelay} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          if (!bot) respond();
        },
        onAllReady() {
          clearTimeout(timer);
          if (bot) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          if (timedOut) return; // logged once, below
          responseStatusCode = 500;
          // Errors after the shell are logged by Express with the request id; avoid double logging before it.
          if (shellRendered) console.error(error);
        },
      },
    );
    const timeOut = () => {
      timedOut = true;
      // One line, with the path only: a query string may carry what a person searched for or a token.
      log.error("render timed out", { requestId: loadContext.requestId, path: new URL(request.url).pathname, ms: abortDelay, shellSent: shellRendered });
      // Nothing sent yet: a short "busy" answer the browser may retry. React 18 reports an abort before
      // the shell to no callback at all (abortTask closes the request), so without this the request
      // hung until the client gave up. After the shell, the page is cut short where it was.
      if (!shellRendered) resolve(new Response(BUSY_MESSAGE, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" } }));
      abort();
    };
    if (abortDelay > 0) timer = setTimeout(timeOut, abortDelay);
    else timeOut();
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
