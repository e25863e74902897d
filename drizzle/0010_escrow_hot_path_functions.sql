-- Database functions for two hot paths. Each runs its statements in order inside one call, each
-- statement with a fresh snapshot (read committed), so a lock taken by one statement guards what
-- the next one reads; and the server keeps their plans, which the embedded database would
-- otherwise re-plan on every call. The application computes and checks everything else.

-- Appends one entry to the hash-chained audit log from inside a database function, exactly as
-- storage/auditLog.ts `recordAudit` appends it in one statement (that statement needs no function,
-- so it works on databases of any age). The
-- canonical JSON of the entry arrives split around the two values only known here, the previous
-- hash and the sequence number; the caller checks the hash this function computed. The head row
-- is locked for update, so entries are numbered without gaps and chained in commit order; a
-- database without a head row gets one (0, genesis) under an advisory lock.
CREATE OR REPLACE FUNCTION redress_audit_append(
  p_before bytea, p_middle bytea, p_after bytea,
  p_at timestamptz, p_actor_id uuid, p_action text, p_subject_type text, p_subject_id text, p_org_id uuid, p_details jsonb,
  OUT entry_seq bigint, OUT entry_prev_hash text, OUT entry_hash text
) LANGUAGE plpgsql AS $$
BEGIN
  SELECT h.seq, h.hash INTO entry_seq, entry_prev_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM pg_advisory_xact_lock(7301043);
    INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;
    SELECT h.seq, h.hash INTO entry_seq, entry_prev_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  END IF;
  entry_seq := entry_seq + 1;
  entry_hash := encode(sha256(p_before || textsend(entry_prev_hash) || p_middle || textsend(entry_seq::text) || p_after), 'hex');
  INSERT INTO audit_log (seq, at, actor_id, action, subject_type, subject_id, org_id, details, prev_hash, hash)
  VALUES (entry_seq, p_at, p_actor_id, p_action, p_subject_type, p_subject_id, p_org_id, p_details, entry_prev_hash, entry_hash);
  UPDATE audit_head SET seq = entry_seq, hash = entry_hash WHERE id = 1;
END
$$;
--> statement-breakpoint

-- Admits an escrow OPRF evaluation request and records it (usecases/escrow/evaluateForReporter.ts).
-- The reporter row is locked first, so its answers in the window and its lifetime count are
-- exact even with parallel requests (an answer given after this request's clock reading, by a
-- request that committed first, counts too). Admitted when no fingerprint was ever answered (for any
-- token) and both budgets hold; the caller decides the refusal from the facts returned, by the
-- same rules (core/escrow/evaluationRequests.ts). A replay racing another request for the same
-- element fails the fingerprint's primary key.
CREATE OR REPLACE FUNCTION escrow_admit_evaluations(
  p_token_hash text, p_fingerprints text[], p_since timestamptz, p_now timestamptz, p_per_window integer, p_lifetime integer,
  OUT reporter_id uuid, OUT evaluations_total integer, OUT answered_ms double precision[], OUT seen text[], OUT admitted boolean
) LANGUAGE plpgsql AS $$
BEGIN
  admitted := false;
  SELECT r.id, r.evaluations_total INTO reporter_id, evaluations_total FROM escrow_reporters r WHERE r.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT array_agg(extract(epoch FROM e.answered_at) * 1000)::double precision[] INTO answered_ms
  FROM escrow_evaluations e WHERE e.reporter_id = escrow_admit_evaluations.reporter_id AND e.answered_at > p_since;
  SELECT array_agg(e.fingerprint) INTO seen FROM escrow_evaluations e WHERE e.fingerprint = ANY (p_fingerprints);
  admitted := seen IS NULL
    AND coalesce(cardinality(answered_ms), 0) + cardinality(p_fingerprints) <= p_per_window
    AND escrow_admit_evaluations.evaluations_total + cardinality(p_fingerprints) <= p_lifetime;
  IF admitted THEN
    INSERT INTO escrow_evaluations (fingerprint, reporter_id, answered_at)
    SELECT fingerprint, escrow_admit_evaluations.reporter_id, p_now FROM unnest(p_fingerprints) AS fingerprint;
    UPDATE escrow_reporters r SET evaluations_total = r.evaluations_total + cardinality(p_fingerprints) WHERE r.id = escrow_admit_evaluations.reporter_id;
  END IF;
END
$$;
--> statement-breakpoint

-- Places an escrow allegation (usecases/escrow/placeAllegation.ts), in this order: the token is
-- known; the entries are sealed to exactly the current escrow counsellors; the entries are
-- charged to the token's evaluations (never more entries than evaluations); the tags' advisory
-- locks are taken (in the order given), so that the match check below sees every committed entry
-- on them; the allegation, its entries and their sealed shares are stored (a respondent this
-- reporter already named fails the dedupe key's unique index); each tag's reporters are counted
-- (one entry per reporter per tag) and every tag with at least the threshold is recorded as a
-- match, new or grown, with a content-free alert queued for every counsellor when a link is
-- given; last, the placement's audit entry is appended. A refusal returns its reason before
-- anything is written. Byte strings arrive base64-encoded, which both database drivers pass far
-- more cheaply than bytea parameters; arrays of entries and of shares are parallel arrays.
CREATE OR REPLACE FUNCTION escrow_place_allegation(
  p_token_hash text, p_sealed_to uuid[], p_lock_keys bigint[], p_default_threshold integer,
  p_allegation_id uuid, p_receipt_lookup text, p_sealed_evidence text, p_now timestamptz,
  p_entry_ids uuid[], p_tags text[], p_dedupe_keys text[], p_ciphertexts text[],
  p_share_entry_ids uuid[], p_share_counsellor_ids uuid[], p_share_envelopes text[],
  p_alert_kind text, p_alert_link_base text,
  p_audit_before text, p_audit_middle text, p_audit_after text, p_audit_action text, p_audit_subject_type text, p_audit_details jsonb,
  OUT outcome text, OUT matches jsonb, OUT audit_seq bigint, OUT audit_prev_hash text, OUT audit_hash text
) LANGUAGE plpgsql AS $$
DECLARE
  v_counsellors uuid[];
  v_threshold integer;
  v_key bigint;
  v_tags bytea[];
BEGIN
  matches := '[]'::jsonb;
  PERFORM 1 FROM escrow_reporters r WHERE r.token_hash = p_token_hash;
  IF NOT FOUND THEN
    outcome := 'token_invalid';
    RETURN;
  END IF;
  SELECT coalesce(array_agg(s.id ORDER BY s.id), '{}') INTO v_counsellors
  FROM role_grants g JOIN staff s ON s.id = g.staff_id
  WHERE g.role = 'escrow_counsellor' AND g.org_id IS NULL AND s.active;
  IF cardinality(v_counsellors) = 0 THEN
    outcome := 'no_counsellors';
    RETURN;
  END IF;
  IF NOT (v_counsellors @> p_sealed_to AND p_sealed_to @> v_counsellors AND cardinality(v_counsellors) = cardinality(p_sealed_to)) THEN
    outcome := 'counsellors_changed';
    RETURN;
  END IF;
  UPDATE escrow_reporters r SET entries_placed = r.entries_placed + cardinality(p_entry_ids)
  WHERE r.token_hash = p_token_hash AND r.entries_placed + cardinality(p_entry_ids) <= r.evaluations_total;
  IF NOT FOUND THEN
    outcome := 'not_charged';
    RETURN;
  END IF;
  FOREACH v_key IN ARRAY p_lock_keys LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;
  SELECT coalesce((SELECT es.threshold FROM escrow_settings es WHERE es.id = 1), p_default_threshold) INTO v_threshold;

  v_tags := ARRAY(SELECT decode(tag, 'base64') FROM unnest(p_tags) WITH ORDINALITY AS placed(tag, n) ORDER BY n);
  INSERT INTO escrow_allegations (id, receipt_lookup, sealed_evidence, created_at) VALUES (p_allegation_id, p_receipt_lookup, decode(p_sealed_evidence, 'base64'), p_now);
  INSERT INTO escrow_entries (id, allegation_id, tag, dedupe_key, ciphertext, created_at)
  SELECT entry.id, p_allegation_id, entry.tag, decode(entry.dedupe_key, 'base64'), decode(entry.ciphertext, 'base64'), p_now
  FROM unnest(p_entry_ids, v_tags, p_dedupe_keys, p_ciphertexts) AS entry(id, tag, dedupe_key, ciphertext);
  INSERT INTO escrow_sealed_shares (entry_id, counsellor_id, envelope)
  SELECT share.entry_id, share.counsellor_id, decode(share.envelope, 'base64')
  FROM unnest(p_share_entry_ids, p_share_counsellor_ids, p_share_envelopes) AS share(entry_id, counsellor_id, envelope);

  WITH counted AS (
    SELECT placed.tag, (SELECT count(*) FROM escrow_entries e WHERE e.tag = placed.tag)::integer AS reporters
    FROM unnest(v_tags) AS placed(tag)
  ), matched AS (
    INSERT INTO escrow_matches (tag, reporters, matched_at, updated_at)
    SELECT counted.tag, counted.reporters, p_now, p_now FROM counted WHERE counted.reporters >= v_threshold
    ON CONFLICT (tag) DO UPDATE SET reporters = excluded.reporters, updated_at = excluded.updated_at
    -- xmax is 0 only on a row this statement inserted: a new match rather than a grown one.
    RETURNING escrow_matches.id, escrow_matches.reporters, (escrow_matches.xmax = 0) AS inserted
  ), alerts AS (
    INSERT INTO outbox (kind, payload, run_at)
    SELECT p_alert_kind, jsonb_build_object('staffId', counsellor.id, 'matchId', matched.id, 'linkBase', p_alert_link_base), p_now
    FROM matched CROSS JOIN unnest(v_counsellors) AS counsellor(id)
    WHERE p_alert_link_base IS NOT NULL
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', matched.id, 'reporters', matched.reporters, 'inserted', matched.inserted) ORDER BY matched.id), '[]'::jsonb)
  INTO matches FROM matched;

  SELECT a.entry_seq, a.entry_prev_hash, a.entry_hash INTO audit_seq, audit_prev_hash, audit_hash
  FROM redress_audit_append(decode(p_audit_before, 'base64'), decode(p_audit_middle, 'base64'), decode(p_audit_after, 'base64'), p_now, NULL,
                            p_audit_action, p_audit_subject_type, p_allegation_id::text, NULL, p_audit_details) AS a;
  outcome := 'placed';
END
$$;
