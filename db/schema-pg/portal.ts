// PostgreSQL mirror of db/schema/portal.ts (decision 044): same tables, columns, keys and names; what each
// column means is documented there. tests/scale-out/schema-parity.test.ts fails when the two drift apart.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./types";
import { publicationKinds, commentStatuses } from "../schema/portal";
export { publicationKinds, commentStatuses, type PublicationKind } from "../schema/portal";
import { users } from "./auth";
import { units } from "./units";

export const publicationComments = pgTable(
  "publication_comments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    subjectKind: text("subject_kind", { enum: publicationKinds }).notNull(),
    subjectId: integer("subject_id").notNull(),
    communityId: integer("community_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    authorName: text("author_name"),
    body: text("body").notNull(),
    status: text("status", { enum: commentStatuses }).notNull().default("pending"),
    hiddenReason: text("hidden_reason"),
    moderatedBy: integer("moderated_by").references(() => users.id, { onDelete: "set null" }),
    moderatedAt: timestampMs("moderated_at"),
    reply: text("reply"),
    repliedBy: integer("replied_by").references(() => users.id, { onDelete: "set null" }),
    repliedAt: timestampMs("replied_at"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [
    index("publication_comments_subject_idx").on(t.subjectKind, t.subjectId, t.status),
    index("publication_comments_community_idx").on(t.communityId, t.status),
    check("publication_comments_kind_check", sql`${t.subjectKind} in ('ruling','resolution')`),
    check("publication_comments_status_check", sql`${t.status} in ('pending','approved','hidden')`),
    check("publication_comments_hidden_check", sql`(${t.status} = 'hidden') = (${t.hiddenReason} is not null)`),
  ],
);
