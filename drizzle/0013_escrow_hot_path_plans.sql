-- The placing function of 0010_escrow_hot_path_functions.sql keeps its statements' plans. A
-- PL/pgSQL statement is planned once per session and its plan reused only while the server judges
-- the reusable (generic) plan no worse than one made for the values at hand; statements reading
-- array parameters through unnest() (estimated at ten rows in a generic plan, at their true length
-- in a custom one) are the kind it goes on re-planning on every call, and forcing generic plans
-- for the call made it about a fifth cheaper on the embedded database (bench/escrow.ts), the
-- foreign-key checks of its inserts and the audit append it calls included. Every statement
-- concerned finds its rows by equality on a unique or indexed key (escrow_reporters.token_hash,
-- escrow_entries.tag, escrow_matches.tag, audit_head.id, the primary keys the foreign keys check),
-- so the generic plan is the index probe a custom plan would choose; a cached plan is made again
-- when its tables' statistics change. The setting holds for the duration of each call only. The
-- admitting function keeps custom plans: it measured slower with generic ones.
ALTER FUNCTION escrow_place_allegation(
  text, uuid[], bigint[], integer, uuid, text, text, timestamptz, uuid[], text[], text[], text[], uuid[], uuid[], text[], text, text, text, text, text, text, text, jsonb
) SET plan_cache_mode = force_generic_plan;
