CREATE TABLE "customer_suitability" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"legal_capacity" text,
	"guardian_consent_ref" text,
	"investable_assets" bigint,
	"investor_class" text DEFAULT 'ordinary' NOT NULL,
	"personalised_recommendations" boolean DEFAULT true NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"fee_schedule_id" text NOT NULL,
	"product_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"summary" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"is_increase" boolean NOT NULL,
	"change_note" text,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_peer_stats" (
	"tier" text NOT NULL,
	"lifecycle_stage" text NOT NULL,
	"product_id" text NOT NULL,
	"share_pct" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"offering" text DEFAULT 'public' NOT NULL,
	"regime" text DEFAULT 'NFRA' NOT NULL,
	"issuer" text NOT NULL,
	"issuer_risk_level" text,
	"distributor_risk_level" text,
	"effective_risk_level" text,
	"min_amount" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"term_days" integer,
	"return_bps" integer,
	"return_kind" text DEFAULT 'none' NOT NULL,
	"interest_rate_bps" integer,
	"annualised_rate_bps" integer,
	"liquidity" text NOT NULL,
	"target_customers" text NOT NULL,
	"channels" text[] NOT NULL,
	"cooling_off_hours" integer DEFAULT 0 NOT NULL,
	"dual_recording_required" boolean DEFAULT false NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"sale_start" timestamp with time zone,
	"sale_end" timestamp with time zone,
	"description" text NOT NULL,
	"key_risks" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_recommendation_dismissals" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"reason" text NOT NULL,
	"dismissed_by" text NOT NULL,
	"dismissed_at" timestamp with time zone NOT NULL,
	"suppressed_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_recommendations" (
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"rank" integer NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"basis" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"proposed_by" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"disclosed_fee_schedule_id" text,
	"disclosed_at" timestamp with time zone,
	"ack_fee_schedule_id" text,
	"ack_fee_schedule_version" integer,
	"ack_at" timestamp with time zone,
	"ack_channel" text,
	"senior_warning_confirmed" boolean DEFAULT false NOT NULL,
	"suitability" jsonb NOT NULL,
	"dual_recording_ref" text,
	"override" jsonb,
	"signed_at" timestamp with time zone,
	"cooling_off_until" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"follow_up_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fee_notices_customer_idx" ON "fee_notices" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_notices_uq" ON "fee_notices" USING btree ("fee_schedule_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_schedules_version_uq" ON "fee_schedules" USING btree ("product_id","version");--> statement-breakpoint
CREATE INDEX "fee_schedules_effective_idx" ON "fee_schedules" USING btree ("product_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "product_peer_stats_pk" ON "product_peer_stats" USING btree ("tier","lifecycle_stage","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_code_uq" ON "products" USING btree ("code");--> statement-breakpoint
CREATE INDEX "products_type_idx" ON "products" USING btree ("type","code");--> statement-breakpoint
CREATE INDEX "product_reco_dismissals_customer_idx" ON "product_recommendation_dismissals" USING btree ("customer_id","product_id","suppressed_until");--> statement-breakpoint
CREATE UNIQUE INDEX "product_recommendations_pk" ON "product_recommendations" USING btree ("customer_id","product_id");--> statement-breakpoint
CREATE INDEX "sales_customer_idx" ON "sales" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "sales_cooling_idx" ON "sales" USING btree ("cooling_off_until") WHERE status = 'cooling_off';