/**
 * The escrow hot paths under parallel requests, through the use-cases and the database
 * functions they call (drizzle/0010_escrow_hot_path_functions.sql): reporters placing entries on
 * one tag at the same moment are each counted once and the match is recorded once; parallel
 * evaluation requests under one token never exceed its daily budget; one blinded element sent
 * twice at once is answered once. On PostgreSQL the requests really run in parallel; on the
 * embedded database they queue, and the same outcomes must hold. Everyone here is invented.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { prepareIdentifiers, sealAllegation, type EscrowConfiguration } from '../../client/escrow/placeAllegation.ts';
import { randomBytes } from '../../core/crypto/bytes.ts';
import { createStaffKeys } from '../../core/crypto/staffKeys.ts';
import { isAppError } from '../../core/errors.ts';
import { encodeIdentifier } from '../../core/escrow/identifiers.ts';
import { blindInputs, finalizeOutputs, generateServerKey } from '../../core/escrow/oprf.ts';
import { formatReporterToken, newInvitationCode, reporterTokenForInvitation, type ReporterToken } from '../../core/escrow/reporterToken.ts';
import { parseThreshold } from '../../core/escrow/threshold.ts';
import { verifyAuditLog } from '../../storage/auditLog.ts';
import { queryRows } from '../../storage/database.ts';
import { ensureReporter, reporterTokenHash } from '../../storage/escrow/reporterStore.ts';
import { roleGrants, staff } from '../../storage/schema/index.ts';
import { describeStorage, testArgon2 } from '../../../tests/support/databases.ts';
import { startEscrowService, type EscrowContext } from './escrowService.ts';
import { evaluateForReporter } from './evaluateForReporter.ts';
import { placeAllegation } from './placeAllegation.ts';

describeStorage('escrow placements and evaluations in parallel', (use) => {
  let context: EscrowContext;
  let configuration: EscrowConfiguration;

  beforeAll(async () => {
    const database = use();
    const counsellors = [];
    for (const name of ['Ines Marlowe', 'Teodor Vance']) {
      const { keys } = await createStaffKeys(`${name} keeps a garden`, testArgon2);
      const [row] = await database.db.insert(staff).values({ email: `${name.split(' ')[0]?.toLowerCase()}@example.org`, name, language: 'en', ...keys }).returning({ id: staff.id });
      if (!row) throw new Error('no counsellor');
      await database.db.insert(roleGrants).values({ staffId: row.id, orgId: null, role: 'escrow_counsellor' });
      counsellors.push({ counsellorId: row.id, publicKey: keys.publicKey });
    }
    const serverKey = generateServerKey();
    const escrow = await startEscrowService({ serverKey, tokenSecret: randomBytes(32), location: 'test' }, undefined);
    context = { ...database.context, escrow };
    configuration = { publicKey: serverKey.publicKey, threshold: parseThreshold(2), diacritics: 'strip', counsellors, identifiersPerRequest: 8 };
  });

  async function newToken(): Promise<ReporterToken> {
    const token = reporterTokenForInvitation(context.escrow.keys.tokenSecret, newInvitationCode());
    if (!token) throw new Error('no token');
    await ensureReporter(context.db, { token, source: 'invitation', now: new Date() });
    return token;
  }

  /** One reporter's whole placement: evaluation, sealing (the client's part), placement. */
  async function place(token: ReporterToken, identifier: string): Promise<void> {
    const requests = blindInputs(prepareIdentifiers([{ kind: 'email', text: identifier }], configuration).map(encodeIdentifier));
    const evaluation = await evaluateForReporter(context, { token: formatReporterToken(token), blinded: requests.map((request) => request.blinded) });
    const { records } = sealAllegation(configuration, token, finalizeOutputs(requests, evaluation, configuration.publicKey), 'An invented account, placed in parallel.', []);
    await placeAllegation(context, { token: formatReporterToken(token), entries: records, evidence: undefined, mailLinkBase: 'https://redress.example.org' });
  }

  async function codeOf(work: Promise<unknown>): Promise<string> {
    try {
      await work;
      return 'ok';
    } catch (error) {
      if (isAppError(error)) return error.code;
      throw error;
    }
  }

  it('counts every reporter on one tag once and records the match once, however many place at the same moment', async () => {
    const tokens = await Promise.all(Array.from({ length: 6 }, () => newToken()));
    await Promise.all(tokens.map((token, index) => place(token, index % 2 === 0 ? 'Bram.Imaginary@example.org' : '  bram.imaginary@EXAMPLE.org')));
    const matches = await queryRows<{ reporters: number }>(context.db, sql`select reporters from escrow_matches`);
    expect(matches).toEqual([{ reporters: 6 }]);
    const audit = await queryRows<{ action: string; reporters: number }>(
      context.db,
      sql`select action, (details->>'reporters')::int as reporters from audit_log where action like 'escrow.match-%' order by seq`,
    );
    expect(audit).toEqual([
      { action: 'escrow.match-found', reporters: 2 },
      { action: 'escrow.match-grew', reporters: 3 },
      { action: 'escrow.match-grew', reporters: 4 },
      { action: 'escrow.match-grew', reporters: 5 },
      { action: 'escrow.match-grew', reporters: 6 },
    ]);
    const [alerts] = await queryRows<{ count: number }>(context.db, sql`select count(*)::int as count from outbox where kind = 'mail.escrow-match'`);
    expect(alerts?.count).toBe(10);
    expect(await verifyAuditLog(context.db)).toMatchObject({ ok: true });
  });

  it('never lets parallel requests under one token exceed its daily budget of evaluations', async () => {
    const token = await newToken();
    const batch = () => blindInputs(Array.from({ length: 4 }, () => randomBytes(16))).map((request) => request.blinded);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => codeOf(evaluateForReporter(context, { token: formatReporterToken(token), blinded: batch() }))));
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'RATE_LIMITED')).toHaveLength(4);
    const [row] = await queryRows<{ answered: number; total: number }>(
      context.db,
      sql`select (select count(*) from escrow_evaluations e where e.reporter_id = r.id)::int as answered, r.evaluations_total as total from escrow_reporters r where r.token_hash <> '' and r.evaluations_total = 16`,
    );
    expect(row).toEqual({ answered: 16, total: 16 });
  });

  it('refuses a request with an element that is no ristretto255 element, or the identity, before it is charged', async () => {
    const token = await newToken();
    const [valid] = blindInputs([new TextEncoder().encode('named beside a broken element')]).map((request) => request.blinded);
    if (!valid) throw new Error('no request');
    for (const broken of [new Uint8Array(32).fill(0xff), new Uint8Array(32)]) {
      expect(await codeOf(evaluateForReporter(context, { token: formatReporterToken(token), blinded: [valid, broken] }))).toBe('ESCROW_OPRF_REQUEST_INVALID');
    }
    const [row] = await queryRows<{ answered: number; total: number }>(
      context.db,
      sql`select (select count(*) from escrow_evaluations e where e.reporter_id = r.id)::int as answered, r.evaluations_total as total
          from escrow_reporters r where r.token_hash = ${reporterTokenHash(token)}`,
    );
    expect(row).toEqual({ answered: 0, total: 0 });
    expect(await codeOf(evaluateForReporter(context, { token: formatReporterToken(token), blinded: [valid] }))).toBe('ok');
  });

  it('answers one blinded element sent twice at once only once, even under two tokens', async () => {
    const [request] = blindInputs([new TextEncoder().encode('sent twice at once')]);
    if (!request) throw new Error('no request');
    const tokens = [await newToken(), await newToken()];
    const outcomes = await Promise.all(tokens.map((token) => codeOf(evaluateForReporter(context, { token: formatReporterToken(token), blinded: [request.blinded] }))));
    expect(outcomes.sort()).toEqual(['ESCROW_OPRF_REPLAYED', 'ok']);
  });
});
