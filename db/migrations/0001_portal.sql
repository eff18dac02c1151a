CREATE TABLE `publication_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`author_name` text,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`hidden_reason` text,
	`moderated_by` integer,
	`moderated_at` integer,
	`reply` text,
	`replied_by` integer,
	`replied_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`moderated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "publication_comments_kind_check" CHECK("publication_comments"."subject_kind" in ('ruling','resolution')),
	CONSTRAINT "publication_comments_status_check" CHECK("publication_comments"."status" in ('pending','approved','hidden')),
	CONSTRAINT "publication_comments_hidden_check" CHECK(("publication_comments"."status" = 'hidden') = ("publication_comments"."hidden_reason" is not null))
);
--> statement-breakpoint
CREATE INDEX `publication_comments_subject_idx` ON `publication_comments` (`subject_kind`,`subject_id`,`status`);--> statement-breakpoint
CREATE INDEX `publication_comments_community_idx` ON `publication_comments` (`community_id`,`status`);