import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { permissionsMarkdown } from "../../server/auth/permissions-doc";
import { permissionDescriptions, rolePermissions } from "../../server/auth/permissions";
import { projectRoot } from "../../server/paths";

describe("docs/permissions.md", () => {
  it("is generated from the permission data (run `npx tsx scripts/permissions-doc.ts` when this fails)", () => {
    expect(fs.readFileSync(path.join(projectRoot, "docs/permissions.md"), "utf8")).toBe(permissionsMarkdown());
  });
  it("describes every permission a role holds", () => {
    for (const perms of Object.values(rolePermissions)) for (const p of perms) expect(permissionDescriptions[p.split(":").slice(0, 2).join(":")]).toBeDefined();
  });
});
