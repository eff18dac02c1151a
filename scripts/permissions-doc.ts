// Writes docs/permissions.md from the permission data (server/auth/permissions.ts).
// `npx tsx scripts/permissions-doc.ts`; tests/admin/permissions-doc.test.ts fails when the file is stale.
import fs from "node:fs";
import path from "node:path";
import { permissionsMarkdown } from "../server/auth/permissions-doc";
import { projectRoot } from "../server/paths";

fs.writeFileSync(path.join(projectRoot, "docs/permissions.md"), permissionsMarkdown());
