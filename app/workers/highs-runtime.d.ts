// scripts/build-server.js bundles app/workers/ with esbuild's file loader: importing the Wasm gives its URL.
declare module "highs/runtime" {
  const url: string;
  export default url;
}
