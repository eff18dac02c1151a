// Bundles server/ (process entry, Express, socket.io, services) into build/server.js.
// npm packages stay external; the Remix route bundle is loaded at run time from build/remix.js.
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
