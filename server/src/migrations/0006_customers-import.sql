CREATE TABLE "customer_import_mappings" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_import_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"ok_rows" integer DEFAULT 0 NOT NULL,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"report" jsonb NOT NULL,
	"file_enc" text,
	"rejects_enc" text,
	"error" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"dry_run_only" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_contacts" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_import_mappings_name_uq" ON "customer_import_mappings" USING btree ("kind","name");--> statement-breakpoint
CREATE INDEX "customer_import_runs_created_by_idx" ON "customer_import_runs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_contacts_external_id_uq" ON "customer_contacts" USING btree ("external_id");