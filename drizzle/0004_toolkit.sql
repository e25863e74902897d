CREATE TABLE "toolkit_action_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"round_id" uuid,
	"domain_key" text NOT NULL,
	"question_key" text,
	"title" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_email" text,
	"due_on" date NOT NULL,
	"indicator" text NOT NULL,
	"target" text NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_answer_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"role_group" text NOT NULL,
	"submitted_week" date NOT NULL,
	"choices" smallint[] NOT NULL,
	"domain_scores" double precision[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"sealed" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"domain_key" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"file_name" text,
	"content_type" text,
	"content" "bytea",
	"sha256" text,
	"size" integer,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_invitation_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"invitation_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text,
	"language" text NOT NULL,
	"reminded_on" date
);
--> statement-breakpoint
CREATE TABLE "toolkit_participants" (
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"invited" integer DEFAULT 0 NOT NULL,
	"shared_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "toolkit_participants_round_id_org_id_pk" PRIMARY KEY("round_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "toolkit_progress_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_point_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"scope" text NOT NULL,
	"org_id" uuid,
	"template_id" uuid NOT NULL,
	"form" text NOT NULL,
	"status" text NOT NULL,
	"opened_on" date NOT NULL,
	"closes_on" date,
	"closed_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"status" text NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "toolkit_templates_version" UNIQUE("family_id","version")
);
--> statement-breakpoint
ALTER TABLE "toolkit_action_points" ADD CONSTRAINT "toolkit_action_points_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_action_points" ADD CONSTRAINT "toolkit_action_points_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_action_points" ADD CONSTRAINT "toolkit_action_points_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_answer_sets" ADD CONSTRAINT "toolkit_answer_sets_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_answer_sets" ADD CONSTRAINT "toolkit_answer_sets_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_comments" ADD CONSTRAINT "toolkit_comments_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_comments" ADD CONSTRAINT "toolkit_comments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_drafts" ADD CONSTRAINT "toolkit_drafts_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_evidence" ADD CONSTRAINT "toolkit_evidence_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_evidence" ADD CONSTRAINT "toolkit_evidence_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_evidence" ADD CONSTRAINT "toolkit_evidence_added_by_staff_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_invitation_tokens" ADD CONSTRAINT "toolkit_invitation_tokens_invitation_id_toolkit_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."toolkit_invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_invitations" ADD CONSTRAINT "toolkit_invitations_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_invitations" ADD CONSTRAINT "toolkit_invitations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_participants" ADD CONSTRAINT "toolkit_participants_round_id_toolkit_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."toolkit_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_participants" ADD CONSTRAINT "toolkit_participants_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_progress_notes" ADD CONSTRAINT "toolkit_progress_notes_action_point_id_toolkit_action_points_id_fk" FOREIGN KEY ("action_point_id") REFERENCES "public"."toolkit_action_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_progress_notes" ADD CONSTRAINT "toolkit_progress_notes_author_id_staff_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_rounds" ADD CONSTRAINT "toolkit_rounds_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_rounds" ADD CONSTRAINT "toolkit_rounds_template_id_toolkit_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."toolkit_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_rounds" ADD CONSTRAINT "toolkit_rounds_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_templates" ADD CONSTRAINT "toolkit_templates_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "toolkit_action_points_org_idx" ON "toolkit_action_points" USING btree ("org_id","due_on");--> statement-breakpoint
CREATE INDEX "toolkit_answer_sets_round_idx" ON "toolkit_answer_sets" USING btree ("round_id","org_id");--> statement-breakpoint
CREATE INDEX "toolkit_comments_round_idx" ON "toolkit_comments" USING btree ("round_id","org_id");--> statement-breakpoint
CREATE INDEX "toolkit_evidence_round_idx" ON "toolkit_evidence" USING btree ("round_id","org_id");--> statement-breakpoint
CREATE INDEX "toolkit_invitation_tokens_invitation_idx" ON "toolkit_invitation_tokens" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "toolkit_invitations_round_idx" ON "toolkit_invitations" USING btree ("round_id","org_id");--> statement-breakpoint
CREATE INDEX "toolkit_participants_org_idx" ON "toolkit_participants" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "toolkit_progress_notes_point_idx" ON "toolkit_progress_notes" USING btree ("action_point_id");--> statement-breakpoint
CREATE INDEX "toolkit_rounds_org_idx" ON "toolkit_rounds" USING btree ("org_id");