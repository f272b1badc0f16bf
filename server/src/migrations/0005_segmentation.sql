CREATE TABLE "customer_segmentation" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"stage_since" timestamp with time zone,
	"tier_since" timestamp with time zone,
	"rfm_r" smallint,
	"rfm_f" smallint,
	"rfm_m" smallint,
	"recency_months" integer,
	"frequency" integer,
	"monetary" bigint,
	"rfm_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_stage_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_stage_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" text NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"trigger" text NOT NULL,
	"reason" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_tier_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_tier_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" text NOT NULL,
	"from_tier" text,
	"to_tier" text NOT NULL,
	"aum" bigint NOT NULL,
	"trigger" text NOT NULL,
	"reason" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_members" (
	"segment_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "segment_members_segment_id_customer_id_pk" PRIMARY KEY("segment_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"rule" jsonb NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"snapshot_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_segmentation_rfm_idx" ON "customer_segmentation" USING btree ("rfm_r","rfm_f","rfm_m");--> statement-breakpoint
CREATE INDEX "customer_stage_history_customer_idx" ON "customer_stage_history" USING btree ("customer_id","changed_at");--> statement-breakpoint
CREATE INDEX "customer_stage_history_changed_idx" ON "customer_stage_history" USING btree ("changed_at","to_stage");--> statement-breakpoint
CREATE INDEX "customer_tier_history_customer_idx" ON "customer_tier_history" USING btree ("customer_id","changed_at");--> statement-breakpoint
CREATE INDEX "segment_members_customer_idx" ON "segment_members" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "segments_updated_idx" ON "segments" USING btree ("updated_at","id");