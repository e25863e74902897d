import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { isAppError } from '../../core/errors.ts';
import { openDocument } from '../../core/intake/caseCrypto.ts';
import { queryRows } from '../../storage/database.ts';
import { caseDocuments, caseKeys, cases } from '../../storage/schema/index.ts';
import { informalResolution } from '../../core/procedures/templates/index.ts';
import { insertProcedure } from '../../storage/procedureStore.ts';
import { actOnCase } from './actOnCase.ts';
import { readCaseHandling } from './readCaseHandling.ts';
import { openCaseKey } from './caseAccess.ts';

describeStorage('acting on a case through the procedure engine', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  let chiara: CaseStaff;
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 10));

  beforeAll(async () => {
    database = use();
    orgId = await addOrganisation(database.db, { slug: 'lakeside-collective', name: 'Lakeside Collective' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    bongani = await caseStaff(database, { name: 'Bongani Dlamini', grants: [{ role: 'handler', orgId }] });
    chiara = await caseStaff(database, { name: 'Chiara Russo', grants: [{ role: 'investigator', orgId }] });
  });

  const at = (n: number) => ({ ...database.context, clock: () => day(n) });

  it('refuses an action before the no-conflict declaration and changes nothing', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, bongani], at: day(1) });
    const before = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    const outcome = await actOnCase(at(2), amara.member, reported.id, { type: 'skipStep', step: 'acknowledgement', reason: 'the reporter asked us to wait' });
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'NO_CONFLICT_DECLARATION' } });
    expect(await database.db.select().from(cases).where(eq(cases.id, reported.id))).toEqual(before);
    expect(await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, reported.id))).toEqual([]);
  });

  it('takes the first steps, seals every text, and keeps the state free of it', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, bongani], at: day(1) });
    const act = async (who: CaseStaff, n: number, action: Record<string, unknown>) => {
      const outcome = await actOnCase(at(n), who.member, reported.id, action);
      if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
      return outcome;
    };
    await act(amara, 2, { type: 'declareNoConflict' });
    await act(amara, 2, { type: 'assign', staffId: amara.id, as: 'handler' });
    await act(amara, 2, { type: 'acknowledge' });
    await act(amara, 2, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await act(bongani, 3, { type: 'declareNoConflict' });
    await act(bongani, 3, { type: 'triage', priority: 'high', retaliationRisk: 'medium' });
    await act(amara, 3, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'Moved the reporter to the Tuesday team at her request' });

    const [row] = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    expect(row).toMatchObject({ status: 'in_progress', priority: 'high', retaliationRisk: 'medium', procedureId: 'formal-investigation' });
    expect(JSON.stringify(row?.state)).not.toContain('Tuesday');
    const documents = await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, reported.id));
    expect(documents).toHaveLength(1);
    const [document] = documents;
    if (!document) throw new Error('no document');
    expect(Buffer.from(document.sealedBody).toString('latin1')).not.toContain('Tuesday');
    expect(openDocument(reported.caseKey, reported.id, document.id, document.sealedBody).text).toBe('Moved the reporter to the Tuesday team at her request');
    const [audit] = await queryRows<{ details: string }>(database.db, sql`select details::text as details from audit_log where action = 'case.action.addMeasure' and subject_id = ${reported.id}`);
    expect(audit?.details).not.toContain('Tuesday');
  });

  it('gives an assigned investigator the key, and takes it from someone found to be conflicted', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, bongani], at: day(1) });
    const act = async (who: CaseStaff, action: Record<string, unknown>) => {
      const outcome = await actOnCase(at(4), who.member, reported.id, action);
      if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
    };
    await act(amara, { type: 'declareNoConflict' });
    await act(amara, { type: 'assign', staffId: amara.id, as: 'handler' });
    await expect(openCaseKey(database.db, chiara.member, reported.id, 'case.open')).rejects.toSatisfy((error) => isAppError(error) && error.code === 'NOT_FOUND');
    await act(amara, { type: 'assign', staffId: chiara.id, as: 'investigator' });
    await expect(openCaseKey(database.db, chiara.member, reported.id, 'case.open')).resolves.toMatchObject({ found: { id: reported.id } });

    await act(amara, { type: 'recordConflict', staffId: bongani.id, basis: 'relatedToParty', reason: 'is the respondent’s brother-in-law' });
    const keys = await database.db.select({ staffId: caseKeys.staffId }).from(caseKeys).where(eq(caseKeys.caseId, reported.id));
    expect(keys.map((key) => key.staffId)).not.toContain(bongani.id);
    await expect(openCaseKey(database.db, bongani.member, reported.id, 'case.open')).rejects.toSatisfy((error) => isAppError(error) && error.code === 'NOT_FOUND');
  });

  it('refuses to assign someone without the organisation grant for the role', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    await actOnCase(at(2), amara.member, reported.id, { type: 'declareNoConflict' });
    const outcome = await actOnCase(at(2), amara.member, reported.id, { type: 'assign', staffId: chiara.id, as: 'decision_maker' });
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'NOT_ALLOWED' } });
  });

  it('refuses a document reference that belongs to another case', async () => {
    const first = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    const second = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    for (const id of [first.id, second.id]) {
      await actOnCase(at(2), amara.member, id, { type: 'declareNoConflict' });
      await actOnCase(at(2), amara.member, id, { type: 'assign', staffId: amara.id, as: 'handler' });
    }
    const made = await actOnCase(at(3), amara.member, first.id, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'A quiet room for the interviews' });
    if (!made.ok || made.action.type !== 'addMeasure') throw new Error('measure refused');
    const outcome = await actOnCase(at(3), amara.member, second.id, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: made.action.descriptionRef });
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'ACTION_INVALID' } });
  });

  it('moves a case only to a procedure it may follow: the organisation’s adapted version, not the template it replaced nor one that does not exist', async () => {
    const adapted = { ...informalResolution, id: 'lakeside-restorative', version: 2 };
    await insertProcedure(database.db, { definition: adapted, orgId, createdBy: amara.id, now: day(1) });
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    const act = (action: Record<string, unknown>) => actOnCase(at(2), amara.member, reported.id, action);
    expect((await act({ type: 'declareNoConflict' })).ok).toBe(true);
    expect((await act({ type: 'assign', staffId: amara.id, as: 'handler' })).ok).toBe(true);

    const offered = (await readCaseHandling(at(2), amara.member, reported.id)).choices.paths.map((option) => option.value);
    expect(offered).toContain('informal/lakeside-restorative@2');
    expect(offered).not.toContain('informal/informal-resolution@1');

    const before = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    for (const to of [
      { id: 'no-such-procedure', version: 1, path: 'informal' },
      { id: 'informal-resolution', version: 1, path: 'informal' },
      { id: 'lakeside-restorative', version: 2, path: 'formal' },
    ]) {
      expect(await act({ type: 'changePath', to, statementRef: 'She asked for a restorative process.' })).toMatchObject({ ok: false, refusal: { code: 'PATH_NOT_ALLOWED' } });
    }
    expect(await database.db.select().from(cases).where(eq(cases.id, reported.id))).toEqual(before);

    const moved = await act({ type: 'changePath', to: { id: 'lakeside-restorative', version: 2, path: 'informal' }, statementRef: 'She asked for a restorative process.' });
    expect(moved).toMatchObject({ ok: true, state: { procedure: { id: 'lakeside-restorative', version: 2, path: 'informal' } } });
  });
});
