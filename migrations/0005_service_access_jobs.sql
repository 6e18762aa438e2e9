CREATE TABLE `service_access_jobs` (
	`job_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`entity_arn` text NOT NULL,
	`granularity` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "service_access_jobs_granularity" CHECK("service_access_jobs"."granularity" IN ('SERVICE_LEVEL', 'ACTION_LEVEL'))
);
--> statement-breakpoint
CREATE INDEX `service_access_jobs_created` ON `service_access_jobs` (`created_at`);