// PostgreSQL mirror of db/schema/admin.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { check, index, integer, json, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { passwordLinkPurposes } from "../schema/admin";
export { passwordLinkPurposes } from "../schema/admin";
import { roleNames, users } from "./auth";
import { representatives } from "./pool";
import { units } from "./units";

export const roleGrants = pgTable(
  "role_grants",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roleNames }).notNull(),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    grantedBy: integer("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestampMs("granted_at").notNull(),
  },
  (t) => [
    uniqueIndex("role_grants_unique").on(t.userId, t.role, t.unitId),
    index("role_grants_unit_idx").on(t.unitId),
    check("role_grants_role_check", sql`${t.role} in ('admin','mediator','representative','supervisor')`),
  ],
);

export const activationSlips = pgTable(
  "activation_slips",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    usedAt: timestampMs("used_at"),
    revokedAt: timestampMs("revoked_at"),
  },
  (t) => [uniqueIndex("activation_slips_code_unique").on(t.codeHash), index("activation_slips_rep_idx").on(t.representativeId)],
);

export const passwordLinks = pgTable(
  "password_links",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: passwordLinkPurposes }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    usedAt: timestampMs("used_at"),
    revokedAt: timestampMs("revoked_at"),
  },
  (t) => [index("password_links_user_idx").on(t.userId), check("password_links_purpose_check", sql`${t.purpose} in ('setup','reset')`)],
);

export const knownDevices = pgTable(
  "known_devices",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    deviceHash: text("device_hash").notNull(),
    lastUsedAt: timestampMs("last_used_at").notNull(),
  },
  (t) => [uniqueIndex("known_devices_unique").on(t.userId, t.deviceHash)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: timestampMs("at").notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id"),
    detail: json("detail").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);
