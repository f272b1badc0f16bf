CREATE SEQUENCE "public"."customer_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"permissions" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"maker_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"checker_id" text,
	"decided_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "rm_covers" (
	"id" text PRIMARY KEY NOT NULL,
	"coverer_id" text NOT NULL,
	"covered_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"data_scope" text NOT NULL,
	"permissions" text[] NOT NULL,
	"requires_totp" boolean DEFAULT false NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"csrf_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" text NOT NULL,
	"role_id" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"granted_by" text NOT NULL,
	"approval_id" text,
	CONSTRAINT "user_roles_user_id_role_id_pk" PRIMARY KEY("user_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"unit_id" text NOT NULL,
	"status" text NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_secret_enc" text,
	"totp_pending_enc" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_roles" text[] NOT NULL,
	"actor_unit_id" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"customer_id" text,
	"request_id" text,
	"ip" text,
	"channel" text,
	"reason" text,
	"changes" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"value_enc" text NOT NULL,
	"value_bidx" text,
	"label" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_relationships" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"related_customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_timeline" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"actor_id" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_no" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_bidx" text NOT NULL,
	"nationality" text DEFAULT 'CN' NOT NULL,
	"occupation" text,
	"employer" text,
	"education" text,
	"income_band" text,
	"home_unit_id" text NOT NULL,
	"rm_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"onboarded_on" date NOT NULL,
	"risk_level" text,
	"risk_expires_at" timestamp with time zone,
	"tier" text DEFAULT 'mass' NOT NULL,
	"lifecycle_stage" text DEFAULT 'new' NOT NULL,
	"aum" bigint DEFAULT 0 NOT NULL,
	"liabilities" bigint DEFAULT 0 NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_verified_at" timestamp with time zone,
	"merged_into" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holdings" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"external_id" text,
	"product_type" text NOT NULL,
	"product_code" text,
	"product_name" text NOT NULL,
	"account_no_enc" text,
	"balance" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"opened_on" date,
	"maturity_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"household_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "household_members_household_id_customer_id_pk" PRIMARY KEY("household_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_monthly_aggregates" (
	"customer_id" text NOT NULL,
	"month" text NOT NULL,
	"tx_count" integer NOT NULL,
	"inflow" bigint NOT NULL,
	"outflow" bigint NOT NULL,
	CONSTRAINT "customer_monthly_aggregates_customer_id_month_pk" PRIMARY KEY("customer_id","month")
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" text PRIMARY KEY NOT NULL,
	"survivor_id" text NOT NULL,
	"merged_id" text NOT NULL,
	"reason" text NOT NULL,
	"moves" jsonb NOT NULL,
	"before" jsonb NOT NULL,
	"merged_at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
CREATE TABLE "profile_refresh_due" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"due_since" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"questionnaire_id" text NOT NULL,
	"questionnaire_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"level" text NOT NULL,
	"previous_level" text,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"signature_ref" text,
	"assessed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"invalidated_at" timestamp with time zone,
	"invalidation_reason" text,
	"actor_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_questionnaires" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"jurisdiction" text NOT NULL,
	"title" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"bands" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"customer_id" text,
	"actor_id" text,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "system_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_uq" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_owner_idx" ON "api_tokens" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "approvals_status_idx" ON "approvals" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "approvals_subject_idx" ON "approvals" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "rm_covers_coverer_idx" ON "rm_covers" USING btree ("coverer_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_code_uq" ON "roles" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_uq" ON "units" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "units_path_uq" ON "units" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_uq" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_customer_idx" ON "audit_log" USING btree ("customer_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "customer_contacts_customer_idx" ON "customer_contacts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_contacts_bidx_idx" ON "customer_contacts" USING btree ("value_bidx");--> statement-breakpoint
CREATE INDEX "customer_relationships_customer_idx" ON "customer_relationships" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_relationships_related_idx" ON "customer_relationships" USING btree ("related_customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_relationships_uq" ON "customer_relationships" USING btree ("customer_id","related_customer_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_timeline_event_uq" ON "customer_timeline" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "customer_timeline_customer_idx" ON "customer_timeline" USING btree ("customer_id","occurred_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_customer_no_uq" ON "customers" USING btree ("customer_no");--> statement-breakpoint
CREATE INDEX "customers_id_number_bidx_idx" ON "customers" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_pinyin_idx" ON "customers" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_initials_idx" ON "customers" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_rm_idx" ON "customers" USING btree ("rm_id","id");--> statement-breakpoint
CREATE INDEX "customers_unit_idx" ON "customers" USING btree ("home_unit_id","id");--> statement-breakpoint
CREATE INDEX "customers_tier_idx" ON "customers" USING btree ("tier","id");--> statement-breakpoint
CREATE INDEX "customers_aum_idx" ON "customers" USING btree ("aum","id");--> statement-breakpoint
CREATE INDEX "customers_tags_idx" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "customers_pinyin_sort_idx" ON "customers" USING btree ("name_pinyin","id");--> statement-breakpoint
CREATE INDEX "customers_onboarded_idx" ON "customers" USING btree ("onboarded_on","id");--> statement-breakpoint
CREATE INDEX "holdings_customer_idx" ON "holdings" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "holdings_external_id_uq" ON "holdings" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "holdings_maturity_idx" ON "holdings" USING btree ("maturity_on") WHERE status = 'active' and maturity_on is not null;--> statement-breakpoint
CREATE INDEX "household_members_customer_idx" ON "household_members" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_merges_survivor_idx" ON "customer_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "customer_merges_merged_idx" ON "customer_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "risk_assessments_customer_idx" ON "risk_assessments" USING btree ("customer_id","assessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_questionnaires_version_uq" ON "risk_questionnaires" USING btree ("jurisdiction","version");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_questionnaires_active_uq" ON "risk_questionnaires" USING btree ("jurisdiction") WHERE active;--> statement-breakpoint
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events" USING btree ("occurred_at","id") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "outbox_events_customer_idx" ON "outbox_events" USING btree ("customer_id","occurred_at");