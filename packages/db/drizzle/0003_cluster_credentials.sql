ALTER TABLE "clusters" ADD COLUMN "redis_username" text DEFAULT 'cachefleet' NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "redis_password_sealed" text;