import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project root. This file runs either from source (server/paths.ts) or bundled into
 * build/server.js: both sit one folder below the root, so the parent of this module's folder is it.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
