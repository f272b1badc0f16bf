CREATE TABLE "analytics_models" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"algorithm" text NOT NULL,
	"model" text NOT NULL,
	"features" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"rows" integer NOT NULL,
	"positives" integer NOT NULL,
	"trained_by" text NOT NULL,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_band_snapshots" (
	"day" date NOT NULL,
	"unit_id" text NOT NULL,
	"band" text NOT NULL,
	"customers" integer NOT NULL,
	CONSTRAINT "churn_band_snapshots_day_unit_id_band_pk" PRIMARY KEY("day","unit_id","band")
);
--> statement-breakpoint
CREATE TABLE "churn_events" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"left_on" date NOT NULL,
	"reason" text NOT NULL,
	"notes" text,
	"rm_id" text,
	"unit_id" text NOT NULL,
	"score_at_exit" double precision,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"won_back_on" date,
	"won_back_by" text
);
--> statement-breakpoint
CREATE TABLE "churn_scores" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"score" double precision NOT NULL,
	"band" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_scorecards" (
	"month" text NOT NULL,
	"rm_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"components" jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"total" double precision NOT NULL,
	"rank_in_unit" integer NOT NULL,
	"unit_size" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rm_scorecards_month_rm_id_pk" PRIMARY KEY("month","rm_id")
);
--> statement-breakpoint
CREATE INDEX "analytics_models_kind_idx" ON "analytics_models" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "churn_events_customer_idx" ON "churn_events" USING btree ("customer_id","left_on");--> statement-breakpoint
CREATE INDEX "churn_events_unit_idx" ON "churn_events" USING btree ("unit_id","left_on","id");--> statement-breakpoint
CREATE INDEX "churn_events_won_back_idx" ON "churn_events" USING btree ("won_back_on","id") WHERE won_back_on is not null;--> statement-breakpoint
CREATE INDEX "churn_scores_band_idx" ON "churn_scores" USING btree ("band","score","customer_id");--> statement-breakpoint
CREATE INDEX "rm_scorecards_unit_idx" ON "rm_scorecards" USING btree ("unit_id","month","rank_in_unit");--> statement-breakpoint
CREATE INDEX "rm_scorecards_rm_idx" ON "rm_scorecards" USING btree ("rm_id","month");