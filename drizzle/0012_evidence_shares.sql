CREATE TABLE "evidence_shares" (
	"case_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"source_kind" text NOT NULL,
	"copy_id" uuid,
	"shared_by" uuid,
	"shared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evidence_shares_case_id_source_id_pk" PRIMARY KEY("case_id","source_id"),
	CONSTRAINT "evidence_shares_kind_known" CHECK ("evidence_shares"."source_kind" in ('file', 'document'))
);
--> statement-breakpoint
ALTER TABLE "evidence_shares" ADD CONSTRAINT "evidence_shares_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_shares" ADD CONSTRAINT "evidence_shares_shared_by_staff_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_shares_case_idx" ON "evidence_shares" USING btree ("case_id","shared_at");