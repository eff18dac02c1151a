CREATE TABLE `ballot_submission_keys` (
	`ballot_id` integer NOT NULL,
	`receipt` text NOT NULL,
	`voter_id` integer NOT NULL,
	`accepted_at` integer NOT NULL,
	PRIMARY KEY(`ballot_id`, `receipt`),
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
