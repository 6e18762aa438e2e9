CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`alias` text,
	`root_email` text NOT NULL,
	`root_password_hash` text,
	`root_password_changed_at` integer,
	`root_password_last_used_at` integer,
	`signin_redirect_origins` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "accounts_id_12_digits" CHECK(length("accounts"."id") = 12 AND "accounts"."id" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_alias_unique` ON `accounts` (`alias`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_root_email_unique` ON `accounts` (lower("root_email"));--> statement-breakpoint
CREATE TABLE `password_policies` (
	`account_id` text PRIMARY KEY NOT NULL,
	`minimum_password_length` integer DEFAULT 8 NOT NULL,
	`require_symbols` integer DEFAULT false NOT NULL,
	`require_numbers` integer DEFAULT false NOT NULL,
	`require_uppercase_characters` integer DEFAULT false NOT NULL,
	`require_lowercase_characters` integer DEFAULT false NOT NULL,
	`allow_users_to_change_password` integer DEFAULT false NOT NULL,
	`max_password_age` integer,
	`password_reuse_prevention` integer,
	`hard_expiry` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `group_memberships` (
	`group_id` text NOT NULL,
	`user_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_memberships_user` ON `group_memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_account_name_unique` ON `groups` (`account_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `roles` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`description` text,
	`assume_role_policy` text NOT NULL,
	`max_session_duration` integer DEFAULT 3600 NOT NULL,
	`permissions_boundary_policy_id` text,
	`last_used_at` integer,
	`last_used_region` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`permissions_boundary_policy_id`) REFERENCES `managed_policies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roles_account_name_unique` ON `roles` (`account_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`permissions_boundary_policy_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`permissions_boundary_policy_id`) REFERENCES `managed_policies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_account_name_unique` ON `users` (`account_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `inline_policies` (
	`account_id` text NOT NULL,
	`user_id` text,
	`group_id` text,
	`role_id` text,
	`name` text NOT NULL,
	`document` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "inline_policies_one_principal" CHECK(("inline_policies"."user_id" IS NOT NULL) + ("inline_policies"."group_id" IS NOT NULL) + ("inline_policies"."role_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inline_policies_user` ON `inline_policies` (`user_id`,`name`) WHERE "inline_policies"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `inline_policies_group` ON `inline_policies` (`group_id`,`name`) WHERE "inline_policies"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `inline_policies_role` ON `inline_policies` (`role_id`,`name`) WHERE "inline_policies"."role_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `managed_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text,
	`arn` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`description` text,
	`default_version_id` text DEFAULT 'v1' NOT NULL,
	`next_version_number` integer DEFAULT 2 NOT NULL,
	`is_attachable` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `managed_policies_arn_unique` ON `managed_policies` (`arn`);--> statement-breakpoint
CREATE UNIQUE INDEX `managed_policies_account_name_unique` ON `managed_policies` (`account_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `policy_attachments` (
	`policy_id` text NOT NULL,
	`user_id` text,
	`group_id` text,
	`role_id` text,
	`attached_at` integer NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `managed_policies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "policy_attachments_one_principal" CHECK(("policy_attachments"."user_id" IS NOT NULL) + ("policy_attachments"."group_id" IS NOT NULL) + ("policy_attachments"."role_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_attachments_user` ON `policy_attachments` (`user_id`,`policy_id`) WHERE "policy_attachments"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `policy_attachments_group` ON `policy_attachments` (`group_id`,`policy_id`) WHERE "policy_attachments"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `policy_attachments_role` ON `policy_attachments` (`role_id`,`policy_id`) WHERE "policy_attachments"."role_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `policy_attachments_policy` ON `policy_attachments` (`policy_id`);--> statement-breakpoint
CREATE TABLE `policy_versions` (
	`policy_id` text NOT NULL,
	`version_id` text NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`policy_id`, `version_id`),
	FOREIGN KEY (`policy_id`) REFERENCES `managed_policies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`resource_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_resource_key_unique` ON `tags` (`resource_id`,lower("key"));--> statement-breakpoint
CREATE TABLE `access_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text,
	`secret_ciphertext` text NOT NULL,
	`status` text DEFAULT 'Active' NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`last_used_service` text,
	`last_used_region` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "access_keys_status" CHECK("access_keys"."status" IN ('Active', 'Inactive'))
);
--> statement-breakpoint
CREATE INDEX `access_keys_user` ON `access_keys` (`account_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `login_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`password_hash` text NOT NULL,
	`password_reset_required` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`password_last_changed_at` integer NOT NULL,
	`password_last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mfa_devices` (
	`serial_number` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text DEFAULT '/' NOT NULL,
	`seed_ciphertext` text NOT NULL,
	`user_id` text,
	`is_root` integer DEFAULT false NOT NULL,
	`enabled_at` integer,
	`last_used_step` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "mfa_devices_single_owner" CHECK(NOT ("mfa_devices"."is_root" = 1 AND "mfa_devices"."user_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `mfa_devices_user` ON `mfa_devices` (`user_id`);--> statement-breakpoint
CREATE TABLE `password_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_history_user` ON `password_history` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `temporary_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`secret_ciphertext` text NOT NULL,
	`session_token_hash` text NOT NULL,
	`role_id` text,
	`user_id` text,
	`session_name` text,
	`source_identity_arn` text NOT NULL,
	`session_policies` text,
	`mfa_authenticated_at` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `temporary_credentials_expiry` ON `temporary_credentials` (`expires_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text,
	`at` integer NOT NULL,
	`request_id` text NOT NULL,
	`actor_arn` text,
	`action` text NOT NULL,
	`target` text,
	`outcome` text NOT NULL,
	`error_code` text,
	`source_ip` text,
	`user_agent` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_account_time` ON `audit_log` (`account_id`,`at`);--> statement-breakpoint
CREATE TABLE `credential_reports` (
	`account_id` text PRIMARY KEY NOT NULL,
	`generated_at` integer NOT NULL,
	`content` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `failed_attempts` (
	`subject` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `jwt_signing_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`alg` text DEFAULT 'ES256' NOT NULL,
	`private_key_ciphertext` text NOT NULL,
	`public_jwk` text NOT NULL,
	`created_at` integer NOT NULL,
	`sign_until` integer NOT NULL,
	`retire_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signin_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text,
	`stage` text NOT NULL,
	`mfa_authenticated_at` integer,
	`auth_time` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `signin_sessions_user` ON `signin_sessions` (`account_id`,`user_id`);