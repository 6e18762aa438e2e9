CREATE TABLE `instance_profile_roles` (
	`instance_profile_id` text NOT NULL,
	`role_id` text NOT NULL,
	PRIMARY KEY(`instance_profile_id`, `role_id`),
	FOREIGN KEY (`instance_profile_id`) REFERENCES `instance_profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instance_profile_roles_one_role` ON `instance_profile_roles` (`instance_profile_id`);--> statement-breakpoint
CREATE INDEX `instance_profile_roles_role` ON `instance_profile_roles` (`role_id`);--> statement-breakpoint
CREATE TABLE `instance_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instance_profiles_account_name_unique` ON `instance_profiles` (`account_id`,lower("name"));