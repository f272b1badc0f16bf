CREATE TABLE "customer_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"requested_by" text NOT NULL,
	"format" text NOT NULL,
	"source" jsonb NOT NULL,
	"customer_ids" text[] NOT NULL,
	"row_count" integer NOT NULL,
	"status" text NOT NULL,
	"approval_id" text,
	"downloads" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "customer_exports_requested_by_idx" ON "customer_exports" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "customer_exports_approval_idx" ON "customer_exports" USING btree ("approval_id");