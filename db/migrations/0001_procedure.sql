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
ALTER TABLE `hearings` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `hearings` ADD `early_start_reason` text;--> statement-breakpoint
ALTER TABLE `hearings` ADD `challenge_window_closed_at` integer;--> statement-breakpoint
ALTER TABLE `councils` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `councils` ADD `early_start_reason` text;