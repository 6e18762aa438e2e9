CREATE TABLE `server_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`body` text NOT NULL,
	`chain` text,
	`private_key_ciphertext` text NOT NULL,
	`expires_at` integer NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `server_certificates_account_name_unique` ON `server_certificates` (`account_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `service_specific_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`service_name` text NOT NULL,
	`service_user_name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`status` text DEFAULT 'Active' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "service_specific_credentials_status" CHECK("service_specific_credentials"."status" IN ('Active', 'Inactive'))
);
--> statement-breakpoint
CREATE INDEX `service_specific_credentials_user` ON `service_specific_credentials` (`user_id`,`service_name`);--> statement-breakpoint
CREATE TABLE `signing_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text,
	`body` text NOT NULL,
	`thumbprint` text NOT NULL,
	`status` text DEFAULT 'Active' NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "signing_certificates_status" CHECK("signing_certificates"."status" IN ('Active', 'Inactive'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signing_certificates_account_thumbprint` ON `signing_certificates` (`account_id`,`thumbprint`);--> statement-breakpoint
CREATE INDEX `signing_certificates_user` ON `signing_certificates` (`account_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `ssh_public_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`body` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` text DEFAULT 'Active' NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ssh_public_keys_status" CHECK("ssh_public_keys"."status" IN ('Active', 'Inactive'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ssh_public_keys_user_fingerprint` ON `ssh_public_keys` (`user_id`,`fingerprint`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `sts_global_endpoint_token_version` integer DEFAULT 1 NOT NULL;