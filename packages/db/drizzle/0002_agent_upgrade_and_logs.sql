ALTER TABLE "agents" ADD COLUMN "desired_version" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "recent_logs" jsonb DEFAULT '[]'::jsonb NOT NULL;