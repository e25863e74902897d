/**
 * Allegation escrow tables (docs/escrow.md). What the server keeps of an entry is its match tag,
 * the sealed allegation and one sealed share per escrow counsellor — nothing derived from the
 * respondent's identifier beyond the tag, and no link from an entry to the reporter who placed
 * it other than a per-tag dedupe key (an HMAC under the reporter's token).
 *
 * Invariant: the OPRF secret key and the reporter-token secret are never in these tables (they
 * live in a key file or the environment, storage/escrow/escrowKeys.ts), so a database dump alone
 * can neither test guesses against the tags nor recompute any reporter's token. Reporter tokens,
 * one-time e-mail codes and receipts appear only as hashes.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { staff } from './platform.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The network's escrow settings: one row (id 1); absent means the defaults (t = 2, strip diacritics). */
export const escrowSettings = pgTable(
  'escrow_settings',
  {
    id: integer('id').primaryKey(),
    threshold: integer('threshold').notNull(),
    diacritics: text('diacritics').notNull(),
    /** E-mail domains whose addresses may receive a one-time membership code; empty: invitations only. */
    membershipDomains: text('membership_domains').array().notNull().default(sql`'{}'::text[]`),
    updatedBy: uuid('updated_by').references(() => staff.id, { onDelete: 'set null' }),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    check('escrow_settings_single_row', sql`${table.id} = 1`),
    check('escrow_settings_threshold_range', sql`${table.threshold} between 2 and 16`),
    check('escrow_settings_diacritics_known', sql`${table.diacritics} in ('strip', 'keep')`),
  ],
);

/**
 * A pseudonymous reporter: the SHA-256 of their token, which is an HMAC (under the key-file
 * secret) of a verified membership e-mail or of an invitation code. Never the address itself.
 */
export const escrowReporters = pgTable(
  'escrow_reporters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    source: text('source').notNull(),
    /** Who issued the invitation code (null for e-mail verification). */
    issuedBy: uuid('issued_by').references(() => staff.id, { onDelete: 'set null' }),
    /** Evaluations over the token's whole life, capped apart from the daily window. */
    evaluationsTotal: integer('evaluations_total').notNull().default(0),
    /** Entries placed under the token; never more than its evaluations, so storage grows only as fast as the rate limit allows. */
    entriesPlaced: integer('entries_placed').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [check('escrow_reporters_source_known', sql`${table.source} in ('invitation', 'email')`)],
);

/** Each blinded element answered: its fingerprint (replays), and when, for whom (the rate limit). */
export const escrowEvaluations = pgTable(
  'escrow_evaluations',
  {
    fingerprint: text('fingerprint').primaryKey(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => escrowReporters.id, { onDelete: 'cascade' }),
    answeredAt: at('answered_at').notNull(),
  },
  (table) => [index('escrow_evaluations_reporter_idx').on(table.reporterId, table.answeredAt)],
);

/** Outstanding one-time codes: only an HMAC of (address, code), kept until it expires or is used. */
export const escrowEmailCodes = pgTable(
  'escrow_email_codes',
  {
    digest: bytea('digest').primaryKey(),
    expiresAt: at('expires_at').notNull(),
  },
  (table) => [index('escrow_email_codes_expiry_idx').on(table.expiresAt)],
);

/**
 * One reporter's allegation: found by its receipt (an Argon2id-derived lookup, never the
 * receipt), with its evidence sealed once under a key that only its entries carry, and the
 * reporter's decision once a match exists.
 */
export const escrowAllegations = pgTable(
  'escrow_allegations',
  {
    id: uuid('id').primaryKey(),
    receiptLookup: text('receipt_lookup').notNull().unique(),
    sealedEvidence: bytea('sealed_evidence'),
    decision: text('decision').notNull().default('undecided'),
    decidedAt: at('decided_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [check('escrow_allegations_decision_known', sql`${table.decision} in ('undecided', 'proceed', 'declined')`)],
);

/** One entry per identifier of an allegation: the tag, and the allegation sealed for that tag. */
export const escrowEntries = pgTable(
  'escrow_entries',
  {
    id: uuid('id').primaryKey(),
    allegationId: uuid('allegation_id')
      .notNull()
      .references(() => escrowAllegations.id, { onDelete: 'cascade' }),
    tag: bytea('tag').notNull(),
    /** HMAC(reporter token, tag): one entry per reporter per respondent, unlinkable across tags. */
    dedupeKey: bytea('dedupe_key').notNull().unique(),
    ciphertext: bytea('ciphertext').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('escrow_entries_tag_idx').on(table.tag), index('escrow_entries_allegation_idx').on(table.allegationId)],
);

/** The share and wrapped key of an entry, sealed to one escrow counsellor's public key. */
export const escrowSealedShares = pgTable(
  'escrow_sealed_shares',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => escrowEntries.id, { onDelete: 'cascade' }),
    counsellorId: uuid('counsellor_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    envelope: bytea('envelope').notNull(),
  },
  (table) => [primaryKey({ columns: [table.entryId, table.counsellorId] })],
);

/** A tag that t or more distinct reporters share: what counsellors are alerted to and may open. */
export const escrowMatches = pgTable('escrow_matches', {
  id: uuid('id').primaryKey().defaultRandom(),
  tag: bytea('tag').notNull().unique(),
  reporters: integer('reporters').notNull(),
  matchedAt: at('matched_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** How far each counsellor has looked at a match (the "new" badge); reads themselves are audited. */
export const escrowMatchViews = pgTable(
  'escrow_match_views',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => escrowMatches.id, { onDelete: 'cascade' }),
    counsellorId: uuid('counsellor_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    seenReporters: integer('seen_reporters').notNull(),
    seenAt: at('seen_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.matchId, table.counsellorId] })],
);
