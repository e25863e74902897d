-- The deadline sweeper and the retention page (issue #4). Partial indexes, so they stay tiny:
-- reports nobody has handled yet and whose deadlines the sweeper has not mirrored (they leave
-- the index on their first sweep, and are found through cases_due_idx from then on), and the
-- cases under legal hold.
CREATE INDEX IF NOT EXISTS "cases_unswept_idx" ON "cases" USING btree ("id") WHERE "state" IS NULL AND "next_due_on" IS NULL AND "status" = 'submitted';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_legal_hold_idx" ON "cases" USING btree ("purge_on", "ref") WHERE "legal_hold";
