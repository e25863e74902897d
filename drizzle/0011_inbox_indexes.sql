-- The handler's inbox (issue #4, src/storage/inboxQueries.ts): pages in the order (next due
-- date, no due date last; received time, newest first; id), for the cases a member may see.
-- Partial indexes leave drafts out, as the inbox does. The first two hold every column the
-- inbox filters on (INCLUDE), so finding a page's ids with any filter reads the index alone;
-- the second serves a status filter in the same order, the third an organisation filter.
CREATE INDEX IF NOT EXISTS "cases_inbox_due_idx" ON "cases" USING btree ((coalesce("next_due_on", 'infinity'::date)), "submitted_at" DESC, "id" DESC) INCLUDE ("next_due_on", "status", "org_id", "priority", "category", "labels", "current_steps", "deadline_status", "ref") WHERE "status" <> 'draft' AND "submitted_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_inbox_status_due_idx" ON "cases" USING btree ("status", (coalesce("next_due_on", 'infinity'::date)), "submitted_at" DESC, "id" DESC) INCLUDE ("next_due_on", "org_id", "priority", "category", "labels", "current_steps", "deadline_status", "ref") WHERE "status" <> 'draft' AND "submitted_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_inbox_org_due_idx" ON "cases" USING btree ("org_id", (coalesce("next_due_on", 'infinity'::date)), "submitted_at" DESC, "id" DESC) WHERE "status" <> 'draft' AND "submitted_at" IS NOT NULL;
--> statement-breakpoint
-- Rare labels and steps: their cases are found through these, and the page sorted from them.
CREATE INDEX IF NOT EXISTS "cases_labels_idx" ON "cases" USING gin ("labels");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_current_steps_idx" ON "cases" USING gin ("current_steps");
--> statement-breakpoint
-- "Is this case's key wrapped for me as a case worker?", answered from the index alone for each row walked.
CREATE INDEX IF NOT EXISTS "case_keys_staff_holder_idx" ON "case_keys" USING btree ("case_id", "staff_id") WHERE "holder" = 'staff';
