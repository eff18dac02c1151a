/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import type { AppLoadContext as ServerLoadContext } from "./server/http/load-context";

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface AppLoadContext extends ServerLoadContext {}
}
declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface AppLoadContext extends ServerLoadContext {}
}
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
