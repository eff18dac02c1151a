CREATE TABLE `ballot_submission_keys` (
	`ballot_id` integer NOT NULL,
	`receipt` text NOT NULL,
	`voter_id` integer NOT NULL,
	`accepted_at` integer NOT NULL,
	PRIMARY KEY(`ballot_id`, `receipt`),
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `challenge_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`kind` text NOT NULL,
	`juror` text,
	`reason` text,
	`status` text NOT NULL,
	`decision_reason` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `challenge_requests_hearing_idx` ON `challenge_requests` (`hearing_id`);--> statement-breakpoint
CREATE TABLE `hearing_adjournments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`reason` text NOT NULL,
	`from_scheduled_at` integer NOT NULL,
	`to_scheduled_at` integer NOT NULL,
	`place` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `activation_slips` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`representative_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activation_slips_code_unique` ON `activation_slips` (`code_hash`);--> statement-breakpoint
CREATE INDEX `activation_slips_rep_idx` ON `activation_slips` (`representative_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `known_devices` (
	`user_id` integer NOT NULL,
	`device_hash` text NOT NULL,
	`last_used_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `known_devices_unique` ON `known_devices` (`user_id`,`device_hash`);--> statement-breakpoint
CREATE TABLE `password_links` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "password_links_purpose_check" CHECK("password_links"."purpose" in ('setup','reset'))
);
--> statement-breakpoint
CREATE INDEX `password_links_user_idx` ON `password_links` (`user_id`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer NOT NULL,
	`granted_by` integer,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "role_grants_role_check" CHECK("role_grants"."role" in ('admin','mediator','representative','supervisor'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_grants_unique` ON `role_grants` (`user_id`,`role`,`unit_id`);--> statement-breakpoint
CREATE INDEX `role_grants_unit_idx` ON `role_grants` (`unit_id`);--> statement-breakpoint
CREATE TABLE `draw_commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opening_id` integer NOT NULL,
	`by` text NOT NULL,
	`commitment` text NOT NULL,
	`value` text,
	`salt` text,
	`committed_at` integer NOT NULL,
	`revealed_at` integer,
	FOREIGN KEY (`opening_id`) REFERENCES `draw_openings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draw_commitments_by_unique` ON `draw_commitments` (`opening_id`,`by`);--> statement-breakpoint
CREATE TABLE `draw_openings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text NOT NULL,
	`secret` text NOT NULL,
	`opening_hash` text NOT NULL,
	`opened` text NOT NULL,
	`identities` text NOT NULL,
	`superseded_reason` text,
	`reveal_deadline` integer,
	`external` text,
	`created_at` integer NOT NULL,
	`drawn_at` integer,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draw_openings_number_unique` ON `draw_openings` (`hearing_id`,`number`);--> statement-breakpoint
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
CREATE INDEX `publication_comments_community_idx` ON `publication_comments` (`community_id`,`status`);--> statement-breakpoint
ALTER TABLE `units` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `access_ends_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `kind` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `is_demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `representatives` ADD `public_name_consent_at` integer;--> statement-breakpoint
ALTER TABLE `representatives` ADD `anonymised_at` integer;--> statement-breakpoint
ALTER TABLE `matters` ADD `public_summary` text;--> statement-breakpoint
ALTER TABLE `hearings` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `hearings` ADD `early_start_reason` text;--> statement-breakpoint
ALTER TABLE `hearings` ADD `challenge_window_closed_at` integer;--> statement-breakpoint
ALTER TABLE `council_participants` ADD `public_name` text;--> statement-breakpoint
ALTER TABLE `councils` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `councils` ADD `early_start_reason` text;