import type { Principal } from "../auth/principal";
import type { Services } from "../services";

/** What every Remix loader and action receives as `context` (see remix.env.d.ts). */
export type AppLoadContext = {
  services: Services;
  principal: Principal;
  requestId: string;
  /** CSP nonce for the inline scripts Remix renders. */
  nonce: string;
  /** The address the request came from, for rate limiting. */
  clientAddress: string;
  secureCookies: boolean;
};
