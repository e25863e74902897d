import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, answerWith, completeProgress } from '../../../tests/support/toolkit.ts';
import { invitationCodeHash, normaliseCode } from '../../core/toolkit/codes.ts';
import { defaultTemplate } from '../../core/toolkit/defaultTemplate.ts';
import { queryRows } from '../../storage/database.ts';
import { listTemplates } from '../../storage/toolkit/templateStore.ts';
import { pauseAnswers, resumeAnswers, submitAnswers } from './answering.ts';
import { closeRound } from './closeRound.ts';
import { inviteByEmail, printInvitationCodes } from './inviteColleagues.ts';
import { openRound } from './openRound.ts';

/** Tables that hold anything about who was invited, and tables that hold answers. */
const invitationTables = ['toolkit_invitations', 'toolkit_invitation_tokens', 'toolkit_drafts'];
const answerTables = ['toolkit_answer_sets', 'toolkit_comments'];

describeStorage('anonymity of answers', (use) => {
  let database: TestDatabase;
  let roundId: string;
  let codes: string[];
  const invitationIds: string[] = [];

  beforeAll(async () => {
    database = use();
    const orgId = await addOrganisation(database, 'lakeside-aid', 'Lakeside Aid');
    const coordinator = await addStaff(database, 'priya.raman@example.org', 'Priya Raman', [{ role: 'assessment_coordinator', orgId }]);
    const templateId = (await listTemplates(database.db)).find((template) => template.builtIn)?.id ?? '';
    roundId = await openRound(database.context, coordinator, { title: 'Lakeside 2026', orgId, templateId, form: 'short', closesOn: null });
    await inviteByEmail(database.context, coordinator, { roundId, orgId, emails: ['colleague.one@example.org', 'colleague.two@example.org'], language: 'en', linkBase: 'https://redress.example' });
    codes = await printInvitationCodes(database.context, coordinator, { roundId, orgId, count: 6, language: 'en' });
    invitationIds.push(...(await queryRows<{ id: string }>(database.db, sql`select id::text from toolkit_invitations`)).map((row) => row.id));
    const [first = '', second = '', ...rest] = codes;
    // One colleague pauses half-way and finishes later with the resume code.
    const resume = await pauseAnswers(database.context, { code: first, progress: { role: 'staff', answers: { 'policy.written-policy': 2 }, notes: {} } });
    const back = await resumeAnswers(database.context, resume);
    await submitAnswers(database.context, { code: back.code, progress: completeProgress(defaultTemplate, 'short', 2, 'staff'), resumeCode: back.resumeCode });
    await answerWith(database, second, completeProgress(defaultTemplate, 'short', 1, 'leadership', { 'culture.respect': 'Meetings run late and parents miss them.' }));
    for (const code of rest.slice(0, 3)) await answerWith(database, code, completeProgress(defaultTemplate, 'short', 3, 'volunteers'));
  });

  it('has no column or foreign key that could lead from an answer to an invitation, a draft or a person', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      database.db,
      sql`select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name in ('toolkit_answer_sets', 'toolkit_comments') order by table_name, ordinal_position`,
    );
    expect(columns.map((column) => `${column.table_name}.${column.column_name}`)).toEqual([
      'toolkit_answer_sets.id',
      'toolkit_answer_sets.round_id',
      'toolkit_answer_sets.org_id',
      'toolkit_answer_sets.role_group',
      'toolkit_answer_sets.submitted_week',
      'toolkit_answer_sets.choices',
      'toolkit_answer_sets.domain_scores',
      'toolkit_comments.id',
      'toolkit_comments.round_id',
      'toolkit_comments.org_id',
      'toolkit_comments.question_key',
      'toolkit_comments.text',
    ]);
    // No time finer than a day next to an answer.
    expect(columns.filter((column) => column.data_type.startsWith('timestamp') || column.data_type.startsWith('time'))).toEqual([]);
    const references = await queryRows<{ from_table: string; to_table: string }>(
      database.db,
      sql`select c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table
          from pg_constraint c where c.contype = 'f' and (c.conrelid::regclass::text like 'toolkit_%' or c.confrelid::regclass::text like 'toolkit_%')`,
    );
    const links = references.filter(
      (reference) =>
        (answerTables.includes(reference.from_table) && [...invitationTables, 'staff'].includes(reference.to_table)) ||
        (invitationTables.includes(reference.from_table) && answerTables.includes(reference.to_table)),
    );
    expect(links).toEqual([]);
  });

  it('keeps only the Monday of the week an answer arrived, random ids, and the comment apart', async () => {
    const sets = await queryRows<{ id: string; week: string; dow: number }>(
      database.db,
      sql`select id::text, submitted_week::text as week, extract(isodow from submitted_week)::int as dow from toolkit_answer_sets where round_id = ${roundId}::uuid`,
    );
    expect(sets).toHaveLength(5);
    expect(sets.every((set) => set.dow === 1)).toBe(true);
    expect(new Set(sets.map((set) => set.id)).size).toBe(5);
    for (const set of sets) expect(set.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const comments = await queryRows<{ text: string }>(database.db, sql`select text from toolkit_comments where round_id = ${roundId}::uuid`);
    expect(comments).toEqual([{ text: 'Meetings run late and parents miss them.' }]);
  });

  it('leaves no trace of a used invitation, its code, or the paused answer', async () => {
    const usedHashes = codes.slice(0, 5).map((code) => invitationCodeHash(normaliseCode(code) ?? ''));
    const tokens = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from toolkit_invitation_tokens`);
    expect(tokens.filter((token) => usedHashes.includes(token.token_hash))).toEqual([]);
    const remaining = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from toolkit_invitations where round_id = ${roundId}::uuid`);
    expect(remaining[0]?.n).toBe(invitationIds.length - 5);
    expect(await queryRows(database.db, sql`select id from toolkit_drafts`)).toEqual([]);
    // Nothing of an invitation (its id or a code's hash) appears anywhere in an answer row.
    const answerText = JSON.stringify(await queryRows(database.db, sql`select s.*, c.* from toolkit_answer_sets s left join toolkit_comments c on c.round_id = s.round_id`));
    for (const value of [...invitationIds, ...usedHashes, ...codes]) expect(answerText).not.toContain(value);
  });

  it('shares no transaction id between an answer and any remaining invitation row', async () => {
    const answerXmins = await queryRows<{ xmin: string }>(database.db, sql`select xmin::text from toolkit_answer_sets union all select xmin::text from toolkit_comments`);
    const invitationXmins = await queryRows<{ xmin: string }>(
      database.db,
      sql`select xmin::text from toolkit_invitations union all select xmin::text from toolkit_invitation_tokens union all select xmin::text from toolkit_drafts`,
    );
    const shared = answerXmins.filter((answer) => invitationXmins.some((invitation) => invitation.xmin === answer.xmin));
    expect(shared).toEqual([]);
  });

  it('writes no audit entry and no outbox message when someone answers', async () => {
    const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where action like 'toolkit.%' order by seq`);
    expect(audit.map((entry) => entry.action)).toEqual(['toolkit.round-opened', 'toolkit.colleagues-invited', 'toolkit.colleagues-invited']);
    const outbox = await queryRows<{ payload: Record<string, unknown> }>(database.db, sql`select payload from outbox where kind like 'mail.toolkit%'`);
    expect(outbox).toHaveLength(2);
    // The outbox holds no code: it is drawn when the e-mail is sent.
    for (const message of outbox) expect(Object.keys(message.payload).sort()).toEqual(['invitationId', 'linkBase', 'reminder']);
  });

  it('forgets every remaining invitation, e-mail address included, when the round closes', async () => {
    const coordinator = await queryRows<{ staff_id: string; org_id: string }>(database.db, sql`select staff_id::text, org_id::text from role_grants limit 1`);
    const actor = { staffId: coordinator[0]?.staff_id ?? '', grants: [{ role: 'assessment_coordinator' as const, orgId: coordinator[0]?.org_id ?? null }] };
    await closeRound(database.context, actor, roundId);
    for (const table of invitationTables) {
      expect(await queryRows(database.db, sql`select 1 from ${sql.identifier(table)}`), table).toEqual([]);
    }
  });
});
