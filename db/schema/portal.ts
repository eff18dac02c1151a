import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { units } from "./units";

/** What a public comment (留言) is about: a published ruling (by hearing id) or a resolution. */
export const publicationKinds = ["ruling", "resolution"] as const;
export type PublicationKind = (typeof publicationKinds)[number];
export const commentStatuses = ["pending", "approved", "hidden"] as const;

/**
 * 晾晒评议 with 留言: comments the public leaves on a published outcome during its notice period. No
 * account is needed, so every comment waits for a mediator of the community to approve or hide it.
 * The commenter's address is never stored: the per-client rate limit lives in memory.
 */
export const publicationComments = sqliteTable(
  "publication_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subjectKind: text("subject_kind", { enum: publicationKinds }).notNull(),
    subjectId: integer("subject_id").notNull(),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    /** A name the commenter chose to show (optional, e.g. 3号楼居民). */
    authorName: text("author_name"),
    body: text("body").notNull(),
    status: text("status", { enum: commentStatuses }).notNull().default("pending"),
    hiddenReason: text("hidden_reason"),
    moderatedBy: integer("moderated_by").references(() => users.id, { onDelete: "set null" }),
    moderatedAt: integer("moderated_at", { mode: "timestamp_ms" }),
    /** A staff member's public answer. */
    reply: text("reply"),
    repliedBy: integer("replied_by").references(() => users.id, { onDelete: "set null" }),
    repliedAt: integer("replied_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("publication_comments_subject_idx").on(t.subjectKind, t.subjectId, t.status),
    index("publication_comments_community_idx").on(t.communityId, t.status),
    check("publication_comments_kind_check", sql`${t.subjectKind} in ('ruling','resolution')`),
    check("publication_comments_status_check", sql`${t.status} in ('pending','approved','hidden')`),
    check("publication_comments_hidden_check", sql`(${t.status} = 'hidden') = (${t.hiddenReason} is not null)`),
  ],
);
