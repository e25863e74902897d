CREATE TABLE "escrow_allegations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"receipt_lookup" text NOT NULL,
	"sealed_evidence" "bytea",
	"decision" text DEFAULT 'undecided' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escrow_allegations_receipt_lookup_unique" UNIQUE("receipt_lookup"),
	CONSTRAINT "escrow_allegations_decision_known" CHECK ("escrow_allegations"."decision" in ('undecided', 'proceed', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "escrow_email_codes" (
	"digest" "bytea" PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escrow_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"allegation_id" uuid NOT NULL,
	"tag" "bytea" NOT NULL,
	"dedupe_key" "bytea" NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escrow_entries_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "escrow_evaluations" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"reporter_id" uuid NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escrow_match_views" (
	"match_id" uuid NOT NULL,
	"counsellor_id" uuid NOT NULL,
	"seen_reporters" integer NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escrow_match_views_match_id_counsellor_id_pk" PRIMARY KEY("match_id","counsellor_id")
);
--> statement-breakpoint
CREATE TABLE "escrow_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tag" "bytea" NOT NULL,
	"reporters" integer NOT NULL,
	"matched_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escrow_matches_tag_unique" UNIQUE("tag")
);
--> statement-breakpoint
CREATE TABLE "escrow_reporters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"source" text NOT NULL,
	"issued_by" uuid,
	"evaluations_total" integer DEFAULT 0 NOT NULL,
	"entries_placed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escrow_reporters_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "escrow_reporters_source_known" CHECK ("escrow_reporters"."source" in ('invitation', 'email'))
);
--> statement-breakpoint
CREATE TABLE "escrow_sealed_shares" (
	"entry_id" uuid NOT NULL,
	"counsellor_id" uuid NOT NULL,
	"envelope" "bytea" NOT NULL,
	CONSTRAINT "escrow_sealed_shares_entry_id_counsellor_id_pk" PRIMARY KEY("entry_id","counsellor_id")
);
--> statement-breakpoint
CREATE TABLE "escrow_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"diacritics" text NOT NULL,
	"membership_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escrow_settings_single_row" CHECK ("escrow_settings"."id" = 1),
	CONSTRAINT "escrow_settings_threshold_range" CHECK ("escrow_settings"."threshold" between 2 and 16),
	CONSTRAINT "escrow_settings_diacritics_known" CHECK ("escrow_settings"."diacritics" in ('strip', 'keep'))
);
--> statement-breakpoint
ALTER TABLE "escrow_entries" ADD CONSTRAINT "escrow_entries_allegation_id_escrow_allegations_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."escrow_allegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_evaluations" ADD CONSTRAINT "escrow_evaluations_reporter_id_escrow_reporters_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."escrow_reporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_match_views" ADD CONSTRAINT "escrow_match_views_match_id_escrow_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."escrow_matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_match_views" ADD CONSTRAINT "escrow_match_views_counsellor_id_staff_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_reporters" ADD CONSTRAINT "escrow_reporters_issued_by_staff_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_sealed_shares" ADD CONSTRAINT "escrow_sealed_shares_entry_id_escrow_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."escrow_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_sealed_shares" ADD CONSTRAINT "escrow_sealed_shares_counsellor_id_staff_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_settings" ADD CONSTRAINT "escrow_settings_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escrow_email_codes_expiry_idx" ON "escrow_email_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "escrow_entries_tag_idx" ON "escrow_entries" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "escrow_entries_allegation_idx" ON "escrow_entries" USING btree ("allegation_id");--> statement-breakpoint
CREATE INDEX "escrow_evaluations_reporter_idx" ON "escrow_evaluations" USING btree ("reporter_id","answered_at");