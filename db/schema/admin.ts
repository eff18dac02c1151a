import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { roleNames, users } from "./auth";
import { representatives } from "./pool";
import { units } from "./units";

/**
 * A role held in a unit (issue 13): mediator of 和平社区, administrator of 幸福街道. A grant on a street
 * covers everything under it. This is the source of truth for permissions; the older `user_roles` and
 * `user_units` tables are kept as a mirror (add-only migrations) and are no longer read for checks.
 */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roleNames }).notNull(),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    grantedBy: integer("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: integer("granted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("role_grants_unique").on(t.userId, t.role, t.unitId),
    index("role_grants_unit_idx").on(t.unitId),
    check("role_grants_role_check", sql`${t.role} in ('admin','mediator','representative','supervisor')`),
  ],
);

/**
 * Printable activation slips: a representative's way to sign in on their phone without a password.
 * The QR code carries `id.secret`; the short code is typed by hand. Only hashes are stored.
 */
export const activationSlips = sqliteTable(
  "activation_slips",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    /** SHA-256 of the normalised short code, unique so a typed code finds its slip. */
    codeHash: text("code_hash").notNull(),
    representativeId: integer("representative_id").notNull().references(() => representatives.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("activation_slips_code_unique").on(t.codeHash), index("activation_slips_rep_idx").on(t.representativeId)],
);

export const passwordLinkPurposes = ["setup", "reset"] as const;

/** One-time set-password links: an administrator never sees or sets a password in clear. */
export const passwordLinks = sqliteTable(
  "password_links",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: passwordLinkPurposes }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("password_links_user_idx").on(t.userId), check("password_links_purpose_check", sql`${t.purpose} in ('setup','reset')`)],
);

/** Devices that signed in successfully: the right password from one of them is never delayed. */
export const knownDevices = sqliteTable(
  "known_devices",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    deviceHash: text("device_hash").notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("known_devices_unique").on(t.userId, t.deviceHash)],
);

/** Who created, changed, disabled or granted what, and when (administration only; meetings have the ledger). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept in clear so the entry still reads after the actor's account is gone. */
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);
