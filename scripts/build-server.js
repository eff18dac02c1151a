// Bundles server/ (process entry, Express, socket.io, services) into build/server.js.
// npm packages stay external; the Remix route bundle is loaded at run time from build/remix.js.
// Also bundles the /verify page's re-solve worker (app/workers/verify-resolve.ts, the same code as
// `npm run verify -- --resolve`) for browsers: public/verify-resolve.js, with HiGHS's Wasm copied
// to public/build/highs-<hash>.wasm (content-hashed, so /build's immutable caching is safe).
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

await build({
  entryPoints: ["app/workers/verify-resolve.ts"],
  outfile: "public/verify-resolve.js",
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  // HiGHS's loader imports these only when it runs under Node.
  external: ["node:*"],
  loader: { ".wasm": "file" },
  assetNames: "build/[name]-[hash]",
  publicPath: "/",
  minify: true,
  logLevel: "warning",
});
