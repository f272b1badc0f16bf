CREATE TABLE "consent_records" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"evidence" text NOT NULL,
	"notice_version" text NOT NULL,
	"recorded_by" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_state" (
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"record_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consent_state_customer_id_purpose_channel_pk" PRIMARY KEY("customer_id","purpose","channel")
);
--> statement-breakpoint
CREATE TABLE "contact_dnd" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"until" timestamp with time zone,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_log" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_suppressions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"reason" text NOT NULL,
	"deferred_until" timestamp with time zone,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"sender_bidx" text NOT NULL,
	"customer_id" text,
	"reply_text" text NOT NULL,
	"outcome" text NOT NULL,
	"provider_message_id" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_items" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"message_id" text NOT NULL,
	"inbox_title" text NOT NULL,
	"content_text" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"subject_zh" text DEFAULT '' NOT NULL,
	"body_zh" text NOT NULL,
	"subject_en" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"variables" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"lint" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewer_id" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"customer_id" text NOT NULL,
	"template_id" text NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"message_subject" text DEFAULT '' NOT NULL,
	"content_text" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"not_before" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"suppression_reason" text,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consent_records_customer_idx" ON "consent_records" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "consent_state_audience_idx" ON "consent_state" USING btree ("purpose","channel","status","customer_id");--> statement-breakpoint
CREATE INDEX "contact_log_customer_idx" ON "contact_log" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "contact_suppressions_customer_idx" ON "contact_suppressions" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "contact_suppressions_time_idx" ON "contact_suppressions" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "inbound_replies_customer_idx" ON "inbound_replies" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_replies_provider_uq" ON "inbound_replies" USING btree ("channel","provider_message_id");--> statement-breakpoint
CREATE INDEX "inbox_items_customer_idx" ON "inbox_items" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_message_uq" ON "inbox_items" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_code_uq" ON "message_templates" USING btree ("code","channel") WHERE status <> 'retired';--> statement-breakpoint
CREATE INDEX "message_templates_status_idx" ON "message_templates" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_uq" ON "messages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "messages_customer_idx" ON "messages" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_log_idx" ON "messages" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "messages" USING btree ("status","not_before") WHERE status in ('queued', 'deferred', 'sending');--> statement-breakpoint
CREATE INDEX "messages_provider_idx" ON "messages" USING btree ("channel","provider_message_id");