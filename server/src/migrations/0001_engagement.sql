CREATE TABLE "customer_last_contact" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"last_contact_at" timestamp with time zone NOT NULL,
	"interaction_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"purpose" text NOT NULL,
	"outcome" text NOT NULL,
	"notes" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"next_action" text,
	"next_action_at" timestamp with time zone,
	"next_task_id" text,
	"completed_task_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_capacities" (
	"user_id" text PRIMARY KEY NOT NULL,
	"capacity" integer NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_policies" (
	"tier" text PRIMARY KEY NOT NULL,
	"dedicated_rm" boolean NOT NULL,
	"contact_every_months" integer NOT NULL,
	"service_package" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sop_run_steps" (
	"run_id" text NOT NULL,
	"step_key" text NOT NULL,
	"customer_id" text NOT NULL,
	"done_by" text NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"evidence" text,
	CONSTRAINT "sop_run_steps_run_id_step_key_pk" PRIMARY KEY("run_id","step_key")
);
--> statement-breakpoint
CREATE TABLE "sop_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"template_id" text NOT NULL,
	"steps" jsonb NOT NULL,
	"status" text NOT NULL,
	"task_id" text,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sop_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"steps" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_escalations" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"manager_id" text,
	"alert_task_id" text,
	"overdue_hours" integer NOT NULL,
	"escalated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"owner_id" text,
	"unit_id" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"source_domain" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text,
	"source_event_id" text,
	"dedupe_key" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"outcome_notes" text,
	"cancel_reason" text,
	"escalated_at" timestamp with time zone,
	"escalated_to" text
);
--> statement-breakpoint
CREATE INDEX "interactions_customer_idx" ON "interactions" USING btree ("customer_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "interactions_staff_idx" ON "interactions" USING btree ("staff_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "sop_run_steps_customer_idx" ON "sop_run_steps" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sop_runs_customer_idx" ON "sop_runs" USING btree ("customer_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sop_templates_code_uq" ON "sop_templates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "task_escalations_task_uq" ON "task_escalations" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_escalations_customer_idx" ON "task_escalations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "tasks_customer_idx" ON "tasks" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_owner_open_idx" ON "tasks" USING btree ("owner_id","due_at","id") WHERE status in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "tasks_unit_open_idx" ON "tasks" USING btree ("unit_id","due_at") WHERE status in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "tasks_owner_due_idx" ON "tasks" USING btree ("owner_id","due_at");--> statement-breakpoint
CREATE INDEX "tasks_escalation_idx" ON "tasks" USING btree ("due_at") WHERE status in ('open', 'in_progress') and escalated_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_source_event_uq" ON "tasks" USING btree ("source_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_dedupe_open_uq" ON "tasks" USING btree ("dedupe_key") WHERE status in ('open', 'in_progress') and dedupe_key is not null;