CREATE TABLE "escrow_allegation_cases" (
	"allegation_id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"account_added_at" timestamp with time zone,
	CONSTRAINT "escrow_allegation_cases_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
ALTER TABLE "escrow_allegation_cases" ADD CONSTRAINT "escrow_allegation_cases_allegation_id_escrow_allegations_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."escrow_allegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_allegation_cases" ADD CONSTRAINT "escrow_allegation_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;