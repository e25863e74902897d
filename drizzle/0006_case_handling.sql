CREATE TABLE "case_break_glass" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"reason_document_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_conflicts" (
	"case_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_conflicts_case_id_staff_id_pk" PRIMARY KEY("case_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sealed_with" text NOT NULL,
	"sealed_body" "bytea" NOT NULL,
	"author_kind" text NOT NULL,
	"author_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_documents_sealed_with_known" CHECK ("case_documents"."sealed_with" in ('case', 'respondent')),
	CONSTRAINT "case_documents_author_known" CHECK ("case_documents"."author_kind" in ('staff', 'reporter', 'respondent', 'system'))
);
--> statement-breakpoint
CREATE TABLE "case_links" (
	"case_id" uuid NOT NULL,
	"linked_case_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_links_case_id_linked_case_id_pk" PRIMARY KEY("case_id","linked_case_id")
);
--> statement-breakpoint
CREATE TABLE "case_team" (
	"case_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"role" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "case_team_case_id_staff_id_role_pk" PRIMARY KEY("case_id","staff_id","role")
);
--> statement-breakpoint
CREATE TABLE "deadline_reminders" (
	"case_id" uuid NOT NULL,
	"deadline" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deadline_reminders_case_id_deadline_kind_due_on_pk" PRIMARY KEY("case_id","deadline","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "procedure_definitions" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"path" text NOT NULL,
	"org_id" uuid,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_definitions_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "purge_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"purged" jsonb NOT NULL,
	"files_removed" integer NOT NULL,
	"kept_for_legal_hold" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "respondent_access" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"code_salt" "bytea" NOT NULL,
	"wrapped_key" "bytea" NOT NULL,
	"language" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"first_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "respondent_access_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "respondent_access_kind_known" CHECK ("respondent_access"."kind" in ('respondent', 'adviser'))
);
--> statement-breakpoint
CREATE TABLE "respondent_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"access_id" uuid NOT NULL,
	"sealed_key" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_keys" DROP CONSTRAINT "case_keys_holder_shape";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ref" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "procedure_id" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "procedure_version" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "state" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "priority" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "retaliation_risk" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "current_steps" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "deadline_status" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "labels" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "purge_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "legal_hold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sealed_respondent_key" "bytea";--> statement-breakpoint
ALTER TABLE "case_break_glass" ADD CONSTRAINT "case_break_glass_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_break_glass" ADD CONSTRAINT "case_break_glass_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_break_glass" ADD CONSTRAINT "case_break_glass_reason_document_id_case_documents_id_fk" FOREIGN KEY ("reason_document_id") REFERENCES "public"."case_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_author_staff_id_staff_id_fk" FOREIGN KEY ("author_staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_linked_case_id_cases_id_fk" FOREIGN KEY ("linked_case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_team" ADD CONSTRAINT "case_team_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_team" ADD CONSTRAINT "case_team_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_reminders" ADD CONSTRAINT "deadline_reminders_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_definitions" ADD CONSTRAINT "procedure_definitions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_definitions" ADD CONSTRAINT "procedure_definitions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_access" ADD CONSTRAINT "respondent_access_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_access" ADD CONSTRAINT "respondent_access_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_sessions" ADD CONSTRAINT "respondent_sessions_access_id_respondent_access_id_fk" FOREIGN KEY ("access_id") REFERENCES "public"."respondent_access"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_break_glass_case_idx" ON "case_break_glass" USING btree ("case_id","staff_id");--> statement-breakpoint
CREATE INDEX "case_conflicts_staff_idx" ON "case_conflicts" USING btree ("staff_id","case_id");--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_team_staff_idx" ON "case_team" USING btree ("staff_id","case_id");--> statement-breakpoint
CREATE INDEX "respondent_access_case_idx" ON "respondent_access" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "respondent_sessions_expiry_idx" ON "respondent_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("next_due_on");--> statement-breakpoint
CREATE INDEX "cases_purge_idx" ON "cases" USING btree ("purge_on");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_ref_unique" UNIQUE("ref");--> statement-breakpoint
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_holder_shape" CHECK (("case_keys"."holder" in ('staff', 'emergency') and "case_keys"."staff_id" is not null) or ("case_keys"."holder" = 'receipt' and "case_keys"."staff_id" is null));