CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "units_kind_check" CHECK("units"."kind" in ('street','community','grid','building')),
	CONSTRAINT "units_parent_check" CHECK(("units"."kind" = 'street') = ("units"."parent_id" is null))
);
--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`scope_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`label` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "invitations_purpose_check" CHECK("invitations"."purpose" in ('hearing_party','council_guest'))
);
--> statement-breakpoint
CREATE INDEX `invitations_scope_idx` ON `invitations` (`purpose`,`scope_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`user_id` integer,
	`invitation_id` text,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sessions_principal_check" CHECK(("sessions"."user_id" is null) <> ("sessions"."invitation_id" is null))
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_roles_role_check" CHECK("user_roles"."role" in ('admin','mediator','representative','supervisor'))
);
--> statement-breakpoint
CREATE TABLE `user_units` (
	`user_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `unit_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_units_unit_idx` ON `user_units` (`unit_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`phone` text,
	`created_at` integer NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `pool_features` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`values` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pool_features_community_idx` ON `pool_features` (`community_id`);--> statement-breakpoint
CREATE TABLE `representative_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`representative_id` integer NOT NULL,
	`kind` text NOT NULL,
	`person_name` text,
	`other_representative_id` integer,
	`unit_id` integer,
	`note` text,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "representative_conflicts_target_check" CHECK(coalesce("representative_conflicts"."person_name", "representative_conflicts"."other_representative_id", "representative_conflicts"."unit_id") is not null)
);
--> statement-breakpoint
CREATE INDEX `representative_conflicts_rep_idx` ON `representative_conflicts` (`representative_id`);--> statement-breakpoint
CREATE TABLE `representative_trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`representative_id` integer NOT NULL,
	`date` text NOT NULL,
	`topic` text NOT NULL,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `representative_trainings_rep_idx` ON `representative_trainings` (`representative_id`);--> statement-breakpoint
CREATE TABLE `representatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`phone` text,
	`unit_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`category` text NOT NULL,
	`nomination` text NOT NULL,
	`features` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`status_changed_at` integer,
	`unavailable_dates` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`community_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "representatives_category_check" CHECK("representatives"."category" in ('deputy','professional','elder','resident')),
	CONSTRAINT "representatives_nomination_check" CHECK("representatives"."nomination" in ('self','organisation')),
	CONSTRAINT "representatives_status_check" CHECK("representatives"."status" in ('active','suspended','retired'))
);
--> statement-breakpoint
CREATE INDEX `representatives_community_idx` ON `representatives` (`community_id`,`status`);--> statement-breakpoint
CREATE INDEX `representatives_user_idx` ON `representatives` (`user_id`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`scope_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`payload` text NOT NULL,
	`at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_scope_seq_unique` ON `ledger_entries` (`scope`,`scope_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ledger_type_idx` ON `ledger_entries` (`scope`,`scope_id`,`type`);--> statement-breakpoint
CREATE TABLE `matters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`grid_id` integer,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`scope` text NOT NULL,
	`difficulty` text NOT NULL,
	`source` text NOT NULL,
	`reporter_name` text,
	`status` text DEFAULT 'open' NOT NULL,
	`reported_at` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`grid_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "matters_scope_check" CHECK("matters"."scope" in ('public','shared','private')),
	CONSTRAINT "matters_difficulty_check" CHECK("matters"."difficulty" in ('normal','hard','severe')),
	CONSTRAINT "matters_status_check" CHECK("matters"."status" in ('open','in_council','in_hearing','resolved','closed'))
);
--> statement-breakpoint
CREATE INDEX `matters_community_idx` ON `matters` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `ballot_participation` (
	`ballot_id` integer NOT NULL,
	`voter_id` integer NOT NULL,
	`option_id` text,
	`submission_key` text,
	`receipt` text,
	`voted_at` integer NOT NULL,
	PRIMARY KEY(`ballot_id`, `voter_id`),
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`scope_id` integer NOT NULL,
	`item_id` integer,
	`question` text NOT NULL,
	`options` text NOT NULL,
	`secret` integer NOT NULL,
	`eligible` text NOT NULL,
	`quorum` integer NOT NULL,
	`threshold` text NOT NULL,
	`pass_option_id` text,
	`tie_rule` text NOT NULL,
	`allow_change` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_by` integer,
	`opened_at` integer NOT NULL,
	`closes_at` integer,
	`closed_at` integer,
	`result` text,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ballots_threshold_check" CHECK("ballots"."threshold" in ('majority_cast','majority_eligible','two_thirds','unanimity')),
	CONSTRAINT "ballots_status_check" CHECK("ballots"."status" in ('open','closed')),
	CONSTRAINT "ballots_quorum_check" CHECK("ballots"."quorum" >= 0),
	CONSTRAINT "ballots_secret_change_check" CHECK(not ("ballots"."secret" and "ballots"."allow_change"))
);
--> statement-breakpoint
CREATE INDEX `ballots_scope_idx` ON `ballots` (`scope`,`scope_id`);--> statement-breakpoint
-- Hand-edited: WITHOUT ROWID so the storage order is the random receipt, not the order of casting.
CREATE TABLE `secret_votes` (
	`receipt` text NOT NULL,
	`ballot_id` integer NOT NULL,
	`option_id` text NOT NULL,
	PRIMARY KEY(`ballot_id`, `receipt`),
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`reason` text NOT NULL,
	`replacement_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`replacement_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `deliberation_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `draw_contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`by` text NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draw_contributions_by_unique` ON `draw_contributions` (`hearing_id`,`by`);--> statement-breakpoint
CREATE TABLE `draws` (
	`hearing_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`secret` text NOT NULL,
	`commitment` text NOT NULL,
	`snapshot` text NOT NULL,
	`snapshot_hash` text NOT NULL,
	`exclusions` text NOT NULL,
	`distribution` text,
	`record` text,
	`opened_at` integer NOT NULL,
	`drawn_at` integer,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `exhibit_opinions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exhibit_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`exhibit_id`) REFERENCES `exhibits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `exhibits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`title` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`number` integer,
	`reject_reason` text,
	`visibility` text DEFAULT 'panel' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exhibits_hearing_idx` ON `exhibits` (`hearing_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `exhibits_number_unique` ON `exhibits` (`hearing_id`,`number`);--> statement-breakpoint
CREATE TABLE `hearing_floor` (
	`hearing_id` integer PRIMARY KEY NOT NULL,
	`party_id` integer,
	`phase` text,
	`elapsed_ms` integer DEFAULT 0 NOT NULL,
	`running_since` integer,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `hearing_parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`masked_name` text NOT NULL,
	`contact` text,
	`representative_id` integer,
	`unit_id` integer,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hearing_parties_position_unique` ON `hearing_parties` (`hearing_id`,`position`);--> statement-breakpoint
CREATE TABLE `hearings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`matter_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`title` text NOT NULL,
	`place` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`phase` text,
	`panel_size` integer NOT NULL,
	`alternates_count` integer NOT NULL,
	`quotas` text NOT NULL,
	`challenges_per_party` integer DEFAULT 1 NOT NULL,
	`speaking_budgets` text NOT NULL,
	`short_notice_reason` text,
	`cancelled_reason` text,
	`chair_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`announced_at` integer,
	`published_at` integer,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`community_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`chair_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "hearings_status_check" CHECK("hearings"."status" in ('draft','announced','drawing','live','closed','published','cancelled')),
	CONSTRAINT "hearings_phase_check" CHECK(("hearings"."status" = 'live') = ("hearings"."phase" is not null)),
	CONSTRAINT "hearings_panel_size_check" CHECK("hearings"."panel_size" >= 3 and "hearings"."panel_size" % 2 = 1)
);
--> statement-breakpoint
CREATE INDEX `hearings_community_idx` ON `hearings` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `juror_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`put_to_party_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`put_to_party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `panel_seats` (
	`hearing_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`checked_in_at` integer,
	`consent_to_name` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`hearing_id`, `representative_id`),
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `rulings` (
	`hearing_id` integer PRIMARY KEY NOT NULL,
	`ballot_id` integer,
	`reasons` text NOT NULL,
	`saying` text NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `speaking_time` (
	`hearing_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`phase` text NOT NULL,
	`used_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hearing_id`, `party_id`, `phase`),
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `transcript_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hearing_id` integer NOT NULL,
	`phase` text NOT NULL,
	`speaker_kind` text NOT NULL,
	`party_id` integer,
	`recorded_by_mediator` integer DEFAULT false NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `hearing_parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transcript_hearing_idx` ON `transcript_entries` (`hearing_id`);--> statement-breakpoint
CREATE TABLE `council_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`council_id` integer NOT NULL,
	`matter_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`proposal` text NOT NULL,
	`ballot_rules` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`ballot_id` integer,
	`outcome` text,
	`approval_rate_permille` integer,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_items_position_unique` ON `council_items` (`council_id`,`position`);--> statement-breakpoint
CREATE TABLE `council_opinions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`participant_id` integer,
	`author_name` text NOT NULL,
	`recorded_by_chair` integer DEFAULT false NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `council_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `council_participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `council_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`council_id` integer NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`representative_id` integer,
	`name` text NOT NULL,
	`voting` integer NOT NULL,
	`checked_in_at` integer,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`representative_id`) REFERENCES `representatives`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `council_participants_council_idx` ON `council_participants` (`council_id`);--> statement-breakpoint
CREATE TABLE `councils` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`title` text NOT NULL,
	`place` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`current_item_id` integer,
	`short_notice_reason` text,
	`cancelled_reason` text,
	`chair_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`announced_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`chair_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "councils_status_check" CHECK("councils"."status" in ('draft','announced','live','resolved','cancelled'))
);
--> statement-breakpoint
CREATE INDEX `councils_community_idx` ON `councils` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`subject_id` integer NOT NULL,
	`rater` text NOT NULL,
	`rating` text NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_unique` ON `follow_ups` (`subject`,`subject_id`,`rater`);--> statement-breakpoint
CREATE TABLE `progress_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resolution_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`status` text NOT NULL,
	`note` text NOT NULL,
	`photos` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`resolution_id`) REFERENCES `resolutions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `resolutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`council_id` integer NOT NULL,
	`matter_id` integer NOT NULL,
	`text` text NOT NULL,
	`responsible` text NOT NULL,
	`deadline` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`notice_days` integer DEFAULT 7 NOT NULL,
	`published_at` integer,
	`notice_ends_at` integer,
	`done_at` integer,
	FOREIGN KEY (`item_id`) REFERENCES `council_items`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`matter_id`) REFERENCES `matters`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_item_unique` ON `resolutions` (`item_id`);