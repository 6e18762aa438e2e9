ALTER TABLE `temporary_credentials` ADD `signin_session_id` text;--> statement-breakpoint
ALTER TABLE `signin_sessions` ADD `session_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `signin_sessions_session_id` ON `signin_sessions` (`session_id`);