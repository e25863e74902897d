ALTER TABLE "case_attachments" ADD COLUMN "sealed_with" text DEFAULT 'case' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD COLUMN "added_by" text;--> statement-breakpoint
ALTER TABLE "respondent_access" ADD COLUMN "last_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "respondent_sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_sealed_with_known" CHECK ("case_attachments"."sealed_with" in ('case', 'respondent'));--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_added_by_known" CHECK ("case_attachments"."added_by" in ('reporter', 'staff', 'respondent'));