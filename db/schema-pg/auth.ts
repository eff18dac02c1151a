// PostgreSQL mirror of db/schema/auth.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { roleNames, invitationPurposes } from "../schema/auth";
export { roleNames, invitationPurposes, type RoleName, type InvitationPurpose } from "../schema/auth";
import { units } from "./units";

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    phone: text("phone"),
    createdAt: timestampMs("created_at").notNull(),
    disabledAt: timestampMs("disabled_at"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [uniqueIndex("users_username_unique").on(t.username)],
);

export const userRoles = pgTable(
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

export const userUnits = pgTable(
  "user_units",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").notNull().references(() => units.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index("user_units_unit_idx").on(t.unitId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    purpose: text("purpose", { enum: invitationPurposes }).notNull(),
    scopeId: integer("scope_id").notNull(),
    subjectId: integer("subject_id").notNull(),
    label: text("label").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampMs("created_at").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    usedAt: timestampMs("used_at"),
    revokedAt: timestampMs("revoked_at"),
    accessEndsAt: timestampMs("access_ends_at"),
  },
  (t) => [
    index("invitations_scope_idx").on(t.purpose, t.scopeId),
    check("invitations_purpose_check", sql`${t.purpose} in ('hearing_party','council_guest')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: text("secret_hash").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    invitationId: text("invitation_id").references(() => invitations.id, { onDelete: "cascade" }),
    createdAt: timestampMs("created_at").notNull(),
    lastVerifiedAt: timestampMs("last_verified_at").notNull(),
    kind: text("kind", { enum: ["password", "device"] }).notNull().default("password"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    check("sessions_principal_check", sql`(${t.userId} is null) <> (${t.invitationId} is null)`),
  ],
);
