/**
 * The /verify page's fairness check, run in a Web Worker so that the page stays responsive while
 * HiGHS re-solves LEXIMIN. Exactly the code of `npm run verify -- --resolve`
 * (server/draw/verify-resolve.ts); only the Wasm is fetched from a URL. Bundled on its own by
 * scripts/build-server.js (the Remix compiler does not bundle workers) to public/verify-resolve.js.
 */
import wasmUrl from "highs/runtime";
import { setHighsWasmUrl } from "../../server/draw/leximin";
import { verifyDrawRecordResolving } from "../../server/draw/verify-resolve";
import { fail, failed, type VerifyFailure } from "../../server/verify/failures";

export type ResolveRequest = { record: unknown; opening?: string };
export type ResolveResponse = { ok: true; certified?: boolean; exact?: boolean } | { ok: false; error: string; failure: VerifyFailure };

setHighsWasmUrl(wasmUrl);

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ResolveRequest>) => void) | null; postMessage(m: ResolveResponse): void };
scope.onmessage = async (e) => {
  let reply: ResolveResponse;
  try {
    const r = await verifyDrawRecordResolving(e.data.record, { expectOpening: e.data.opening });
    reply = r.ok ? { ok: true, certified: r.certified, exact: r.exact } : { ok: false, error: r.error, failure: r.failure };
  } catch (err) {
    reply = failed(fail("resolve_failed", { reason: err instanceof Error ? err.message : String(err) }));
  }
  scope.postMessage(reply);
};
