import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { units } from "./units";

export const roleNames = ["admin", "mediator", "representative", "supervisor"] as const;
export type RoleName = (typeof roleNames)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    phone: text("phone"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    /** Set when the password must be changed at the next sign-in (a temporary password). */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    /** Demo accounts carry the public demo password; the server refuses to start with them when PUBLIC_ORIGIN is set. */
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("users_username_unique").on(t.username)],
);

/** A user may hold several roles (a mediator who is also a representative elsewhere). */
export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roleNames }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    check("user_roles_role_check", sql`${t.role} in ('admin','mediator','representative','supervisor')`),
  ],
);

/**
 * The communities (or other units) a user acts for: a mediator manages only these,
 * a representative and a supervisor belong to them.
 */
export const userUnits = sqliteTable(
  "user_units",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index("user_units_unit_idx").on(t.unitId)],
);

/**
 * One-time invitation links for people without an account (parties to a hearing, guests of a council).
 * Only the SHA-256 of the secret is stored; redeeming marks it used and opens a session scoped to `scopeKind/scopeId`.
 */
export const invitationPurposes = ["hearing_party", "council_guest"] as const;
export type InvitationPurpose = (typeof invitationPurposes)[number];

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    purpose: text("purpose", { enum: invitationPurposes }).notNull(),
    /** The hearing or council the session will be confined to. */
    scopeId: integer("scope_id").notNull(),
    /** The party or guest row the invitation speaks for. */
    subjectId: integer("subject_id").notNull(),
    label: text("label").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    /**
     * When the access this invitation opened ends, used or not (issue 12): a party's access ends a set
     * time after the ruling is published (server/hearings/party-access.ts). Null: until revoked.
     */
    accessEndsAt: integer("access_ends_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("invitations_scope_idx").on(t.purpose, t.scopeId),
    check("invitations_purpose_check", sql`${t.purpose} in ('hearing_party','council_guest')`),
  ],
);

/**
 * Sessions as in the Lucia guide: the cookie holds `id.secret`, the table holds only SHA-256(secret).
 * A session belongs either to a user or to a redeemed invitation, never both.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    invitationId: text("invitation_id").references(() => invitations.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastVerifiedAt: integer("last_verified_at", { mode: "timestamp_ms" }).notNull(),
    /** `password` (10 days of inactivity) or `device` (a phone signed in by an activation slip: long, revocable). */
    kind: text("kind", { enum: ["password", "device"] }).notNull().default("password"),
    /** The browser's User-Agent when the session opened, shown on "my sessions". */
    userAgent: text("user_agent"),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    check("sessions_principal_check", sql`(${t.userId} is null) <> (${t.invitationId} is null)`),
  ],
);
