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
CREATE UNIQUE INDEX `draw_openings_number_unique` ON `draw_openings` (`hearing_id`,`number`);