CREATE TABLE `oidc_provider_client_ids` (
	`provider_arn` text NOT NULL,
	`client_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`provider_arn`, `client_id`),
	FOREIGN KEY (`provider_arn`) REFERENCES `oidc_providers`(`arn`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `oidc_providers` (
	`arn` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`url` text NOT NULL,
	`thumbprints` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `oidc_providers_account` ON `oidc_providers` (`account_id`,`arn`);--> statement-breakpoint
CREATE TABLE `saml_assertion_replays` (
	`provider_arn` text NOT NULL,
	`assertion_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`provider_arn`, `assertion_id`)
);
--> statement-breakpoint
CREATE INDEX `saml_assertion_replays_expiry` ON `saml_assertion_replays` (`expires_at`);--> statement-breakpoint
CREATE TABLE `saml_providers` (
	`arn` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`uuid` text NOT NULL,
	`metadata_document` text NOT NULL,
	`entity_id` text NOT NULL,
	`certificates` text NOT NULL,
	`valid_until` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saml_providers_account` ON `saml_providers` (`account_id`,`arn`);--> statement-breakpoint
ALTER TABLE `temporary_credentials` ADD `federation` text;