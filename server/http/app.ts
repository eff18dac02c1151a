import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { parseCookies, SESSION_COOKIE } from "../auth/cookies";
import type { Principal } from "../auth/principal";
import type { Logger } from "../log";
import { projectRoot } from "../paths";
import type { Services } from "../services";
import type { AppLoadContext } from "./load-context";
import { isSameOrigin } from "./origin";
import { clientAddress } from "./client-address";
import { clientKey, createClientBudgets, type ClientBudgets } from "./client-budget";
import { createPageCache } from "./page-cache";
import { createBoundedRequestHandler } from "./remix-handler";

type Locals = { requestId: string; nonce: string; principal: Principal; log: Logger };

/**
 * The requests whose policy allows compiling WebAssembly: the /verify page, and the script of its
 * re-solve worker (a dedicated worker runs under the policy its own script is served with).
 */
const compilesWasm = (req: Request) => req.path === "/verify" || req.path === "/verify-resolve.js";

/** The Express app: security headers, request ids and logs, static files, /healthz, then Remix. */
export async function createExpressApp(deps: { services: Services; log: Logger; budgets?: ClientBudgets }) {
  const { services, log } = deps;
  const budgets = deps.budgets ?? createClientBudgets();
  const env = services.env;
  const production = env.NODE_ENV === "production";
  const build = (await import(pathToFileURL(path.join(projectRoot, "build/remix.js")).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    const locals = res.locals as Locals;
    locals.requestId = requestId;
    locals.nonce = crypto.randomBytes(16).toString("base64");
    locals.log = log.child({ requestId });
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path.startsWith("/build/")) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      locals.log.info("request", { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Scripts by nonce. Only /verify may compile WebAssembly: its worker runs HiGHS (Wasm) to
          // re-solve the draw. 'wasm-unsafe-eval' allows no JS eval, but no other page needs it.
          scriptSrc: ["'self'", (req, res) => `${compilesWasm(req as Request) ? "'wasm-unsafe-eval' " : ""}'nonce-${((res as Response).locals as Locals).nonce}'`],
          // the live room's socket is same-origin; 'self' covers ws(s):// to this host in CSP 3
          connectSrc: ["'self'"],
          imgSrc: ["'self'", "data:", "blob:"],
          upgradeInsecureRequests: production && env.PUBLIC_ORIGIN?.startsWith("https:") ? [] : null,
        },
      },
      // The site is not served over HTTPS by default (the street office's LAN): no HSTS unless it is.
      strictTransportSecurity: env.PUBLIC_ORIGIN?.startsWith("https:") ?? false,
      crossOriginEmbedderPolicy: false,
      // Not helmet's `no-referrer`: under it a form posted before the scripts load (or without them)
      // carries `Origin: null`, and both our CSRF check and Remix's refuse it. `same-origin` still
      // sends nothing to other sites.
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compression());

  app.use("/build", express.static(path.join(projectRoot, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(
    express.static(path.join(projectRoot, "public"), {
      maxAge: "1h",
      // /verify's re-solve worker names the content-hashed Wasm of its build: always revalidate it.
      setHeaders: (res, file) => {
        if (file.endsWith("verify-resolve.js")) res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );

  app.get("/healthz", (_req, res) => {
    const ok = services.healthy();
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "database_unavailable" });
  });

  // CSRF: every state-changing request must come from this origin (Lucia guide).
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    if (isSameOrigin(req.headers, env.PUBLIC_ORIGIN)) return next();
    (res.locals as Locals).log.warn("cross-origin request refused", { origin: req.get("origin") ?? null });
    res.status(403).type("text/plain; charset=utf-8").send("请求来源不被允许 (forbidden_origin)");
  });

  app.use(createPageCache());

  app.use((req, res, next) => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    const locals = res.locals as Locals;
    locals.principal = services.sessions.validate(token);
    // Dynamic requests share the client's budget with its sockets (client-budget.ts); cached pages
    // and static files above cost nothing.
    const key = clientKey(locals.principal, clientAddress(req.headers, req.socket.remoteAddress, env.TRUST_PROXY));
    if (budgets.take(key)) return next();
    res.status(429).setHeader("retry-after", String(budgets.retryAfterSeconds(key)));
    res.type("text/plain; charset=utf-8").send("请求过于频繁，请稍后再试。\nToo many requests, please try again shortly. (rate_limited)");
  });

  app.all(
    "*",
    createBoundedRequestHandler({
      build,
      mode: production ? "production" : "development",
      uploadLimitBytes: env.UPLOAD_LIMIT_MB * 1024 * 1024,
      getLoadContext: (req, res): AppLoadContext => {
        const locals = res.locals as Locals;
        return {
          services,
          principal: locals.principal,
          requestId: locals.requestId,
          nonce: locals.nonce,
          clientAddress: clientAddress(req.headers, req.socket.remoteAddress, env.TRUST_PROXY),
          secureCookies: env.cookieSecure,
        };
      },
    }),
  );

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const locals = res.locals as Locals;
    locals.log.error("unhandled error", { err });
    if (res.headersSent) return;
    res.status(500).type("text/plain; charset=utf-8").send(`服务器出错，请稍后再试。请求编号 ${locals.requestId}`);
  });

  return app;
}
