import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { queryRows } from '../../storage/database.ts';
import { caseConflicts, caseKeys, caseTeam, cases, network } from '../../storage/schema/index.ts';
import { actOnCase } from './actOnCase.ts';
import { INBOX_PAGE, inboxFiltersSchema, listInbox, type Inbox, type InboxFilters } from './listInbox.ts';

type Columns = Partial<typeof cases.$inferInsert>;

describeStorage('a handler’s inbox', (use) => {
  let database: TestDatabase;
  let lakeside: string;
  let harbour: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  let ruth: CaseStaff;
  const today = new Date(Date.UTC(2026, 4, 20, 9));
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const at = (minutes: number) => new Date(Date.UTC(2026, 3, 1, 8) + minutes * 60_000);

  beforeAll(async () => {
    database = use();
    database.context.clock = () => today;
    await database.db.insert(network).values({ name: 'Southern Shore Network', defaultLanguage: 'en' });
    lakeside = await addOrganisation(database.db, { slug: 'lakeside-collective', name: 'Lakeside Collective' });
    harbour = await addOrganisation(database.db, { slug: 'harbour-trust', name: 'Harbour Trust' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId: null }] });
    bongani = await caseStaff(database, { name: 'Bongani Dlamini', grants: [{ role: 'handler', orgId: lakeside }] });
    ruth = await caseStaff(database, { name: 'Ruth Okafor', grants: [{ role: 'admin', orgId: null }] });
  });

  /** A sent report for Amara (and Bongani), with the workflow columns the engine would mirror. */
  async function fileCase(input: { orgId?: string | null; minutes: number; columns?: Columns; holders?: CaseStaff[]; account?: string }) {
    const reported = await reportedCase(database.db, {
      orgId: input.orgId === undefined ? lakeside : input.orgId,
      holders: input.holders ?? [amara, bongani],
      at: at(input.minutes),
      ...(input.account ? { account: input.account } : {}),
    });
    if (input.columns) await database.db.update(cases).set(input.columns).where(eq(cases.id, reported.id));
    const [row] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, reported.id));
    return { id: reported.id, ref: row?.ref ?? 0 };
  }

  const filters = (query: Record<string, string>): InboxFilters => inboxFiltersSchema.parse(query);
  const inboxOf = (member: CaseStaff, query: Record<string, string> = {}) => listInbox(database.context, member.member, filters(query));
  const idsOf = (inbox: Inbox) => inbox.entries.map((entry) => entry.id);

  async function emptyCases() {
    await database.db.execute(sql`delete from cases`);
  }

  it('lists the next due date first, cases without one last and the newest first among equals, with their workflow details', async () => {
    await emptyCases();
    const later = await fileCase({ minutes: 1, columns: { nextDueOn: day(10), deadlineStatus: 'upcoming', procedureId: 'formal-investigation', procedureVersion: 1, status: 'in_progress', currentSteps: ['notice'], priority: 'high', category: 'bullying', labels: ['field office'] } });
    const overdue = await fileCase({ minutes: 2, orgId: harbour, columns: { nextDueOn: day(-3), deadlineStatus: 'due', procedureId: 'informal-resolution', procedureVersion: 1, status: 'in_progress', currentSteps: ['followUp'] } });
    const undatedOld = await fileCase({ minutes: 3 });
    const undatedNew = await fileCase({ minutes: 4, orgId: null });
    const sameDayOlder = await fileCase({ minutes: 5, columns: { nextDueOn: day(10), deadlineStatus: 'paused' } });
    const sameDayNewer = await fileCase({ minutes: 6, columns: { nextDueOn: day(10), deadlineStatus: 'upcoming' } });
    const inbox = await inboxOf(amara);
    expect(idsOf(inbox)).toEqual([overdue.id, sameDayNewer.id, sameDayOlder.id, later.id, undatedNew.id, undatedOld.id]);
    const first = inbox.entries[0];
    // The sweeper had not yet marked it overdue; a passed last day is overdue all the same.
    expect(first).toMatchObject({ ref: overdue.ref, orgName: 'Harbour Trust', deadline: 'overdue', procedureNameKey: 'procedures.templates.informalResolution.name', steps: [{ id: 'followUp', nameKey: 'procedures.steps.agreementReview' }] });
    expect(inbox.entries.find((entry) => entry.id === later.id)).toMatchObject({ priority: 'high', category: 'bullying', labels: ['field office'], status: 'in_progress', onTeam: false, deadline: 'upcoming' });
    expect(inbox.entries.find((entry) => entry.id === sameDayOlder.id)).toMatchObject({ deadline: 'paused' });
    expect(inbox.entries.find((entry) => entry.id === undatedNew.id)).toMatchObject({ orgName: null, nextDueOn: null, deadline: null, procedureNameKey: null });
    expect(inbox.overdue).toEqual({ count: 1, atLeast: false });
    expect(inbox.next).toBeUndefined();
    expect(inbox.previous).toBeUndefined();
  });

  it('shows the state the procedure engine left after real actions', async () => {
    await emptyCases();
    const reported = await fileCase({ minutes: 1 });
    const act = async (who: CaseStaff, action: Record<string, unknown>) => {
      const outcome = await actOnCase(database.context, who.member, reported.id, action);
      if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
    };
    await act(amara, { type: 'declareNoConflict' });
    await act(amara, { type: 'assign', staffId: amara.id, as: 'handler' });
    await act(amara, { type: 'acknowledge' });
    await act(amara, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await act(amara, { type: 'triage', priority: 'urgent', retaliationRisk: 'high' });
    const [entry] = (await inboxOf(amara, { mine: '1' })).entries;
    expect(entry).toMatchObject({ id: reported.id, status: 'in_progress', priority: 'urgent', onTeam: true, procedureNameKey: 'procedures.templates.formalInvestigation.name' });
    expect(entry?.nextDueOn).not.toBeNull();
    expect(entry?.steps.length).toBeGreaterThan(0);
    expect(entry?.steps.every((step) => step.nameKey?.startsWith('procedures.steps.'))).toBe(true);
    expect(idsOf(await inboxOf(bongani, { mine: '1' }))).toEqual([reported.id]);
    expect(idsOf(await inboxOf(bongani, { mine: '1', priority: 'low' }))).toEqual([]);
  });

  it('filters by status, step, organisation, category, priority, label, overdue and team', async () => {
    await emptyCases();
    const a = await fileCase({ minutes: 1, columns: { status: 'in_progress', currentSteps: ['decision'], priority: 'high', category: 'bullying', labels: ['field office', 'repeat'], nextDueOn: day(-1), deadlineStatus: 'overdue' } });
    const b = await fileCase({ minutes: 2, orgId: harbour, columns: { status: 'acknowledged', currentSteps: ['triage'], priority: 'low', category: 'retaliation', labels: ['repeat'], nextDueOn: day(-5), deadlineStatus: 'paused' } });
    const c = await fileCase({ minutes: 3, orgId: null, holders: [amara], columns: { status: 'closed', category: 'bullying' } });
    await database.db.insert(caseTeam).values({ caseId: b.id, staffId: amara.id, role: 'handler', since: at(2) });
    expect(idsOf(await inboxOf(amara, { status: 'in_progress' }))).toEqual([a.id]);
    expect(idsOf(await inboxOf(amara, { step: 'triage' }))).toEqual([b.id]);
    expect(idsOf(await inboxOf(amara, { organisation: harbour }))).toEqual([b.id]);
    expect(idsOf(await inboxOf(amara, { organisation: 'network' }))).toEqual([c.id]);
    expect(idsOf(await inboxOf(amara, { category: 'bullying' }))).toEqual([a.id, c.id]);
    expect(idsOf(await inboxOf(amara, { priority: 'low' }))).toEqual([b.id]);
    expect(idsOf(await inboxOf(amara, { label: '  Repeat ' }))).toEqual([b.id, a.id]);
    // A paused deadline is not overdue, however long ago its last day was.
    expect(idsOf(await inboxOf(amara, { overdue: '1' }))).toEqual([a.id]);
    expect(idsOf(await inboxOf(amara, { mine: '1' }))).toEqual([b.id]);
    expect(idsOf(await inboxOf(amara, { category: 'bullying', label: 'repeat', status: 'in_progress' }))).toEqual([a.id]);
    expect(idsOf(await inboxOf(amara, { category: 'sexual_violence' }))).toEqual([]);
  });

  it('searches case numbers, organisation names, labels and categories, and never what anyone wrote', async () => {
    await emptyCases();
    const a = await fileCase({ minutes: 1, columns: { labels: ['night shift'] }, account: 'It happened at the harbour warehouse during the night shift.' });
    const b = await fileCase({ minutes: 2, orgId: harbour, columns: { category: 'discrimination' } });
    const c = await fileCase({ minutes: 3, orgId: null, columns: { category: 'sexual_harassment' } });
    expect(idsOf(await inboxOf(amara, { q: String(a.ref) }))).toEqual([a.id]);
    expect(idsOf(await inboxOf(amara, { q: `#${b.ref}` }))).toEqual([b.id]);
    expect(idsOf(await inboxOf(amara, { q: 'harbour' }))).toEqual([b.id]);
    expect(idsOf(await inboxOf(amara, { q: 'Night  Shift' }))).toEqual([a.id]);
    expect(idsOf(await inboxOf(amara, { q: 'harassment' }))).toEqual([c.id]);
    expect(idsOf(await inboxOf(amara, { q: 'acoso sexual' }))).toEqual([c.id]);
    expect(idsOf(await inboxOf(amara, { q: 'southern shore' }))).toEqual([c.id]);
    expect(idsOf(await inboxOf(amara, { q: 'warehouse' }))).toEqual([]);
    expect(idsOf(await inboxOf(amara, { q: '100%_' }))).toEqual([]);
  });

  it('pages through every case exactly once in a stable order, forwards and back', async () => {
    await emptyCases();
    const filed: string[] = [];
    // Many cases share a due date and a received time: the id keeps the order total.
    for (let index = 0; index < 2 * INBOX_PAGE + 7; index += 1) {
      const columns: Columns = index % 3 === 0 ? { category: 'bullying' } : { nextDueOn: day(index % 4), deadlineStatus: 'upcoming', category: 'bullying' };
      filed.push((await fileCase({ minutes: index % 5, columns })).id);
    }
    await fileCase({ minutes: 9, columns: { category: 'other' } });
    const seen: string[] = [];
    const forwards: Inbox[] = [];
    let page = await inboxOf(amara, { category: 'bullying' });
    for (;;) {
      forwards.push(page);
      seen.push(...idsOf(page));
      if (!page.next) break;
      page = await inboxOf(amara, { category: 'bullying', after: page.next });
    }
    const expected = await queryRows<{ id: string }>(
      database.db,
      sql`select id from cases where category = 'bullying' order by coalesce(next_due_on, 'infinity'::date), submitted_at desc, id desc`,
    );
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(forwards.map((inbox) => inbox.entries.length)).toEqual([INBOX_PAGE, INBOX_PAGE, seen.length - 2 * INBOX_PAGE]);
    expect(forwards[0]?.previous).toBeUndefined();
    expect(forwards[0]?.paged).toBe(false);
    const last = forwards.at(-1);
    expect(last?.paged).toBe(true);
    const back = await inboxOf(amara, { category: 'bullying', before: last?.previous ?? '' });
    expect(idsOf(back)).toEqual(idsOf(forwards[1] as Inbox));
    const backAgain = await inboxOf(amara, { category: 'bullying', before: back.previous ?? '' });
    expect(idsOf(backAgain)).toEqual(idsOf(forwards[0] as Inbox));
    expect(backAgain.previous).toBeUndefined();
    expect(backAgain.next).toBe(forwards[0]?.next);
  });

  it('never lists or counts a case the member is conflicted on, even while their key remains', async () => {
    await emptyCases();
    const open = await fileCase({ minutes: 1, columns: { nextDueOn: day(-2), deadlineStatus: 'overdue', labels: ['board member'] } });
    const conflicted = await fileCase({ minutes: 2, columns: { nextDueOn: day(-2), deadlineStatus: 'overdue', labels: ['board member'] } });
    await database.db.insert(caseConflicts).values({ caseId: conflicted.id, staffId: amara.id, basis: 'relatedToParty', at: at(3) });
    expect(await database.db.select().from(caseKeys).where(eq(caseKeys.caseId, conflicted.id))).toHaveLength(2);
    const queries: Record<string, string>[] = [{}, { overdue: '1' }, { label: 'board member' }, { q: 'board member' }, { q: 'lakeside' }];
    for (const query of queries) {
      expect(idsOf(await inboxOf(amara, query))).toEqual([open.id]);
    }
    expect(idsOf(await inboxOf(amara, { q: String(conflicted.ref) }))).toEqual([]);
    expect((await inboxOf(amara)).overdue.count).toBe(1);
    expect(idsOf(await inboxOf(bongani))).toEqual([conflicted.id, open.id]);
    expect((await inboxOf(bongani)).overdue.count).toBe(2);
  });

  it('lists neither a network administrator’s emergency copies nor drafts', async () => {
    await emptyCases();
    const sent = await fileCase({ minutes: 1, holders: [amara] });
    const emergency = await reportedCase(database.db, { orgId: lakeside, holders: [amara], emergency: [ruth], at: at(2) });
    const draft = await fileCase({ minutes: 3, columns: { status: 'draft', nextDueOn: day(-1), deadlineStatus: 'overdue' } });
    expect(idsOf(await inboxOf(ruth))).toEqual([]);
    expect((await inboxOf(ruth)).overdue.count).toBe(0);
    expect(idsOf(await inboxOf(amara))).toEqual([emergency.id, sent.id]);
    expect(idsOf(await inboxOf(amara, { q: String(draft.ref) }))).toEqual([]);
    expect((await inboxOf(amara)).overdue.count).toBe(0);
  });

  it('leaves out, and does not count, cases where the member does not work on cases, though their key remains', async () => {
    await emptyCases();
    const lakesideCase = await fileCase({ minutes: 1, columns: { nextDueOn: day(-1), deadlineStatus: 'overdue' } });
    await fileCase({ minutes: 2, orgId: harbour, columns: { nextDueOn: day(-1), deadlineStatus: 'overdue' } });
    await fileCase({ minutes: 3, orgId: null, columns: { nextDueOn: day(-1), deadlineStatus: 'overdue' } });
    const narrowed = { ...amara.member, actor: { staffId: amara.id, grants: [{ role: 'handler' as const, orgId: lakeside }, { role: 'editor' as const, orgId: harbour }] } };
    const inbox = await listInbox(database.context, narrowed, filters({}));
    expect(idsOf(inbox)).toEqual([lakesideCase.id]);
    expect(inbox.overdue.count).toBe(1);
    expect(inbox.choices.organisations.map((organisation) => organisation.name)).toEqual(['Lakeside Collective']);
  });

  it('records each view in the audit log with the names of the filters used, never their values', async () => {
    await emptyCases();
    await fileCase({ minutes: 1, columns: { labels: ['union'] } });
    await inboxOf(amara, { label: 'union', q: 'Lakeside', overdue: '1' });
    const [entry] = await queryRows<{ details: string; actor_id: string }>(
      database.db,
      sql`select details::text as details, actor_id from audit_log where action = 'case.inbox-viewed' order by seq desc limit 1`,
    );
    expect(entry?.actor_id).toBe(amara.id);
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ listed: 0, filters: ['label', 'overdue', 'q'] });
    expect(entry?.details).not.toContain('Lakeside');
    expect(entry?.details).not.toContain('union');
  });

  it('reads no filter it cannot understand', () => {
    for (const query of [
      { status: 'draft' },
      { status: 'lost' },
      { step: 'anything' },
      { organisation: 'not-an-id' },
      { category: 'gossip' },
      { priority: 'critical' },
      { label: 'a'.repeat(41) },
      { label: 'semi;colon' },
      { overdue: 'yes' },
      { mine: 'true' },
      { q: 'x'.repeat(101) },
      { q: 'tab\there' },
      { after: 'yesterday' },
      { after: '2026-01-01~2026-01-01T00:00:00.000000Z~00000000-0000-0000-0000-00000000000g' },
      { before: '2026-13-45~2026-01-01T00:00:00.000000Z~00000000-0000-0000-0000-000000000000' },
      { before: '2026-02-30~2026-01-01T00:00:00.000000Z~00000000-0000-0000-0000-000000000000' },
      { after: '0000-01-01~2026-01-01T00:00:00.000000Z~00000000-0000-0000-0000-000000000000' },
      { after: 'infinity~2026-01-01T25:00:00.000000Z~00000000-0000-0000-0000-000000000000' },
      { after: 'infinity~2026-01-01T00:00:00.000000Z~00000000-0000-0000-0000-000000000000', before: 'infinity~2026-01-01T00:00:00.000000Z~00000000-0000-0000-0000-000000000000' },
      { status: ['closed', 'submitted'] },
    ]) {
      expect(inboxFiltersSchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
    expect(inboxFiltersSchema.parse({ status: '', q: '   ', lang: 'es', label: ' Field  Office ' })).toEqual({ label: 'field office' });
  });
});
