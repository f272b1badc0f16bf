CREATE TABLE "campaign_members" (
	"campaign_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"grp" text NOT NULL,
	"channel" text NOT NULL,
	"score" real,
	"message_id" text,
	"dispatched_at" timestamp with time zone,
	CONSTRAINT "campaign_members_campaign_id_customer_id_pk" PRIMARY KEY("campaign_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"objective" text NOT NULL,
	"description" text,
	"product_id" text,
	"segment_id" text NOT NULL,
	"channels" text[] NOT NULL,
	"templates" jsonb NOT NULL,
	"incentive" text DEFAULT 'none' NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"holdout_bp" integer NOT NULL,
	"seed" text NOT NULL,
	"rank_by_propensity" text DEFAULT 'no' NOT NULL,
	"max_audience" integer,
	"attribution_days" integer NOT NULL,
	"status" text NOT NULL,
	"funnel" jsonb,
	"maker_id" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"checker_id" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "campaign_members_customer_idx" ON "campaign_members" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "campaign_members_dispatch_idx" ON "campaign_members" USING btree ("campaign_id","grp","dispatched_at");--> statement-breakpoint
CREATE INDEX "campaigns_list_idx" ON "campaigns" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status","scheduled_at");