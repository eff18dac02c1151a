ALTER TABLE `invitations` ADD `access_ends_at` integer;--> statement-breakpoint
ALTER TABLE `representatives` ADD `public_name_consent_at` integer;--> statement-breakpoint
ALTER TABLE `representatives` ADD `anonymised_at` integer;--> statement-breakpoint
ALTER TABLE `matters` ADD `public_summary` text;--> statement-breakpoint
ALTER TABLE `council_participants` ADD `public_name` text;