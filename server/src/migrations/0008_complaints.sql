CREATE TABLE "complaint_attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_id" text NOT NULL,
	"customer_id" text,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_history" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_id" text NOT NULL,
	"customer_id" text,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"customer_id" text,
	"complainant_name" text,
	"complainant_contact" text,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"product_code" text,
	"unit_id" text NOT NULL,
	"rm_id" text,
	"staff_involved" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"severity" text NOT NULL,
	"amount_minor" bigint,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"desired_remedy" text,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"profile" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"clock_start_at" timestamp with time zone NOT NULL,
	"extension_level" integer DEFAULT 0 NOT NULL,
	"due_date" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"handler_id" text,
	"assigned_at" timestamp with time zone,
	"outcome" text,
	"remedy" text,
	"remedy_amount_minor" bigint,
	"proposed_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"customer_response" text,
	"closed_at" timestamp with time zone,
	"on_time" boolean,
	"reminder_at" timestamp with time zone,
	"due_soon_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"duplicate_of_id" text,
	"review_of_id" text,
	"root_cause" text,
	"corrective_action" text,
	"corrective_owner_id" text,
	"corrective_due_at" timestamp with time zone,
	"corrective_done_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holiday_calendar" (
	"jurisdiction" text NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "holiday_calendar_jurisdiction_date_pk" PRIMARY KEY("jurisdiction","date")
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"template_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"rm_id" text,
	"trigger" text NOT NULL,
	"source_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"invitation_id" text NOT NULL,
	"template_id" text NOT NULL,
	"kind" text NOT NULL,
	"customer_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"rm_id" text,
	"trigger" text NOT NULL,
	"score" integer,
	"low" boolean NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"questions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "complaint_attachments_complaint_idx" ON "complaint_attachments" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_attachments_customer_idx" ON "complaint_attachments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "complaint_history_complaint_idx" ON "complaint_history" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaint_history_customer_idx" ON "complaint_history" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_reference_uq" ON "complaints" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_unit_open_idx" ON "complaints" USING btree ("unit_id","due_at","id") WHERE status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed');--> statement-breakpoint
CREATE INDEX "complaints_handler_open_idx" ON "complaints" USING btree ("handler_id","due_at","id") WHERE status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed');--> statement-breakpoint
CREATE INDEX "complaints_open_due_idx" ON "complaints" USING btree ("due_at") WHERE status in ('received', 'acknowledged', 'assigned', 'investigating', 'proposed');--> statement-breakpoint
CREATE INDEX "complaints_unit_received_idx" ON "complaints" USING btree ("unit_id","received_at","id");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "complaints_duplicate_idx" ON "complaints" USING btree ("duplicate_of_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_source_uq" ON "survey_invitations" USING btree ("trigger","source_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_customer_idx" ON "survey_invitations" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_invitation_uq" ON "survey_responses" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "survey_responses_unit_idx" ON "survey_responses" USING btree ("unit_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_responses_rm_idx" ON "survey_responses" USING btree ("rm_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_responses_customer_idx" ON "survey_responses" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_templates_code_uq" ON "survey_templates" USING btree ("code");