/**
 * Open-case benchmark: the server time of `openCase` (src/usecases/cases/openCase.ts: access,
 * key unwrapping, the procedure view, every decryption and the audited read, in one
 * transaction) for one case with 50 messages and 10 evidence files' metadata, whose procedure
 * was started through the engine (no-conflict declarations, assignment, acknowledgement,
 * triage, a measure, a note). Target: p95 ≤ 50 ms.
 *
 * The floor, measured in the same run and interleaved: the rows opening a case cannot avoid
 * reading — the case with the member's wrapped key and session, the reporter thread, the
 * attachments, the documents, the timeline — each one raw SELECT through the bare driver, and
 * the decryptions it cannot avoid: the session's private key, the case key, the answers, the
 * identity, the 50 messages, the 10 metadata records and the documents. ratio_to_floor = floor / value.
 *
 * Backends: BENCH_OPEN_CASE="pglite,postgres" (the default); BENCH_OPEN_CASE_RUNS (default 100).
 * Run: `npm run bench -- open-case`.
 */
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { open } from '../src/core/crypto/aead.ts';
import { fromBase64Url } from '../src/core/crypto/bytes.ts';
import { deriveSubkey } from '../src/core/crypto/kdf.ts';
import { publicKeyOf } from '../src/core/crypto/sealedBox.ts';
import { createStaffKeys, unlockWithPassword } from '../src/core/crypto/staffKeys.ts';
import {
  newCaseKey,
  openAnswers,
  openAttachmentMetadata,
  openDocument,
  openIdentity,
  openMessage,
  sealAnswers,
  sealAttachmentMetadata,
  sealIdentity,
  sealMessage,
  unwrapForStaff,
  wrapForStaff,
} from '../src/core/intake/caseCrypto.ts';
import { currentQuestionnaire } from '../src/storage/questionnaireStore.ts';
import { caseAttachments, caseEvents, caseKeys, caseMessages, cases, network, organisations, roleGrants, staff } from '../src/storage/schema/index.ts';
import { actOnCase } from '../src/usecases/cases/actOnCase.ts';
import type { StaffMember } from '../src/usecases/cases/caseAccess.ts';
import { openCase } from '../src/usecases/cases/openCase.ts';
import { makeContext, type Context } from '../src/usecases/context.ts';
import { startSession } from '../src/usecases/session/sessions.ts';
import { openBackend, printPercentiles, timed, type Backend } from './inbox.ts';

const runs = Number(process.env.BENCH_OPEN_CASE_RUNS ?? 100);
const MESSAGES = 50;
const ATTACHMENTS = 10;
/** Key derivation only matters at sign-in, which is not measured here. */
const cheapArgon2 = { memoryKiB: 1024, passes: 1, parallelism: 1 };

async function handler(context: Context, input: { name: string; orgId: string; now: Date }): Promise<StaffMember> {
  const password = `${input.name} keeps a long passphrase`;
  const { keys } = await createStaffKeys(password, cheapArgon2);
  const [row] = await context.db
    .insert(staff)
    .values({ email: `${input.name.toLowerCase().replace(/\W+/g, '.')}@example.org`, name: input.name, language: 'en', totpSecret: 'JBSWY3DPEHPK3PXP', ...keys })
    .returning();
  if (!row) throw new Error('no staff member');
  await context.db.insert(roleGrants).values({ staffId: row.id, orgId: input.orgId, role: 'handler' });
  const keyPair = await unlockWithPassword(row, password, cheapArgon2);
  const session = await startSession(context.db, { staffId: row.id, keyPair, now: input.now, limits: { hours: 24, idleMinutes: 24 * 60 } });
  return { staffId: row.id, sessionId: session.sessionId, token: session.token, actor: { staffId: row.id, grants: [{ role: 'handler', orgId: input.orgId }] } };
}

const words = 'the meeting ran late and afterwards he said again that I should come to his room to talk about my contract renewal and when I said no he laughed'.split(' ');

function sentence(seed: number, length: number): string {
  return Array.from({ length }, (_, index) => words[(seed * 7 + index * 3) % words.length]).join(' ');
}

/** One case as intake and three weeks of handling leave it; see the header. */
async function seedCase(context: Context): Promise<{ caseId: string; member: StaffMember }> {
  const { db } = context;
  const now = context.clock();
  await db.insert(network).values({ name: 'Benchmark Network', defaultLanguage: 'en' });
  const [organisation] = await db.insert(organisations).values({ slug: 'meadow-trust', name: 'Meadow Trust', languages: ['en'], country: 'KE' }).returning();
  if (!organisation) throw new Error('no organisation');
  const first = await handler(context, { name: 'Lindiwe Mokoena', orgId: organisation.id, now });
  const second = await handler(context, { name: 'Tomas Ferreira', orgId: organisation.id, now });
  const caseId = crypto.randomUUID();
  const caseKey = newCaseKey();
  const received = new Date(now.getTime() - 21 * 86_400_000);
  const questionnaire = await currentQuestionnaire(db, organisation.id);
  await db.insert(cases).values({
    id: caseId,
    orgId: organisation.id,
    channelOrgId: organisation.id,
    status: 'submitted',
    path: 'formal',
    identityMode: 'confidential',
    questionnaireId: questionnaire.id,
    receiptLookup: crypto.randomBytes(32).toString('hex'),
    sealedAnswers: sealAnswers(caseKey, caseId, {
      account: sentence(1, 600),
      when: { from: '2026-01-10', to: '2026-03-02' },
      ongoing: 'yes',
      where: 'The regional office and the staff retreat',
      who: sentence(2, 40),
      relationship: 'manager',
      kinds: ['sexual_harassment', 'abuse_of_power'],
      witnesses: 'yes',
      witnessDetails: sentence(3, 60),
      evidence: 'yes',
      evidenceDetails: sentence(4, 80),
      wishes: sentence(5, 120),
    }),
    sealedIdentity: sealIdentity(caseKey, caseId, { name: 'Zanele Dube', contact: 'zanele.dube@example.org' }),
    createdAt: received,
    submittedAt: received,
    updatedAt: received,
  });
  for (const member of [first, second]) {
    const [row] = await db.select({ publicKey: staff.publicKey }).from(staff).where(eq(staff.id, member.staffId));
    if (!row) throw new Error('no public key');
    await db.insert(caseKeys).values({ caseId, holder: 'staff', staffId: member.staffId, wrappedKey: wrapForStaff(row.publicKey, caseKey, caseId, member.staffId) });
  }
  await db.insert(caseEvents).values({ caseId, kind: 'submitted', actorKind: 'reporter', at: received });
  for (let index = 0; index < MESSAGES; index += 1) {
    const id = crypto.randomUUID();
    const fromStaff = index % 2 === 1;
    await db.insert(caseMessages).values({
      id,
      caseId,
      thread: 'reporter',
      kind: 'message',
      authorKind: fromStaff ? 'staff' : 'reporter',
      authorStaffId: fromStaff ? first.staffId : null,
      sealedBody: sealMessage(caseKey, caseId, id, sentence(index, 40 + (index % 5) * 30)),
      createdAt: new Date(received.getTime() + index * 3_600_000),
    });
  }
  for (let index = 0; index < ATTACHMENTS; index += 1) {
    const id = crypto.randomUUID();
    await db.insert(caseAttachments).values({
      id,
      caseId,
      storageName: id,
      sealedMetadata: sealAttachmentMetadata(caseKey, caseId, id, { name: `evidence-${index + 1}.jpg`, type: 'image/jpeg', receivedSize: 180_000 + index, receivedSha256: crypto.randomBytes(32).toString('hex'), cleaned: true }),
      sizeBytes: 180_000 + index,
      createdAt: new Date(received.getTime() + index * 60_000),
    });
  }
  const act = async (member: StaffMember, action: Record<string, unknown>) => {
    const outcome = await actOnCase(context, member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  };
  await act(first, { type: 'declareNoConflict' });
  await act(first, { type: 'assign', staffId: first.staffId, as: 'handler' });
  await act(first, { type: 'acknowledge' });
  await act(first, { type: 'assign', staffId: second.staffId, as: 'handler' });
  await act(second, { type: 'declareNoConflict' });
  await act(first, { type: 'triage', priority: 'high', retaliationRisk: 'medium' });
  await act(first, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'Moved the reporter to another team at her request' });
  await db.execute(sql`analyze`);
  return { caseId, member: first };
}

/** What opening this case cannot avoid: five raw SELECTs and the decryptions (see the header). */
async function floor(backend: Backend, caseId: string, member: StaffMember): Promise<void> {
  type Row = Record<string, unknown>;
  const rows = async (text: string, params: unknown[]) => ((await backend.raw(text, params)) as { rows: Row[] }).rows;
  const bytes = (value: unknown) => (value instanceof Uint8Array ? value : new Uint8Array());
  const [found] = await rows(
    `select c.*, k.wrapped_key, s.sealed_private_key from cases c join case_keys k on k.case_id = c.id and k.staff_id = $2 and k.holder = 'staff' join sessions s on s.id = $3 where c.id = $1`,
    [caseId, member.staffId, member.sessionId],
  );
  if (!found) throw new Error('the floor found no case');
  const messages = await rows(`select m.*, s.name from case_messages m left join staff s on s.id = m.author_staff_id where m.case_id = $1 and m.thread = 'reporter' order by m.seq`, [caseId]);
  const attachments = await rows(`select * from case_attachments where case_id = $1 and sealed_with = 'case' order by created_at, id`, [caseId]);
  const documents = await rows(`select * from case_documents where case_id = $1 and sealed_with = 'case'`, [caseId]);
  await rows(`select * from case_events where case_id = $1 order by id`, [caseId]);
  const privateKey = open(deriveSubkey(fromBase64Url(member.token), 'session-key'), bytes(found.sealed_private_key), `session:${member.sessionId}`);
  const caseKey = unwrapForStaff({ privateKey, publicKey: publicKeyOf(privateKey) }, bytes(found.wrapped_key), caseId, member.staffId);
  openAnswers(caseKey, caseId, bytes(found.sealed_answers));
  openIdentity(caseKey, caseId, bytes(found.sealed_identity));
  for (const message of messages) openMessage(caseKey, caseId, String(message.id), bytes(message.sealed_body));
  for (const attachment of attachments) openAttachmentMetadata(caseKey, caseId, String(attachment.id), bytes(attachment.sealed_metadata));
  for (const document of documents) openDocument(caseKey, caseId, String(document.id), bytes(document.sealed_body));
}

async function measure(backend: Backend): Promise<void> {
  const context = makeContext(backend.database.db);
  const { caseId, member } = await seedCase(context);
  const opened = await openCase(context, member, caseId);
  if (!opened.declared || opened.file.messages.length !== MESSAGES || opened.file.attachments.length !== ATTACHMENTS) throw new Error('the case did not open as seeded');
  const values: number[] = [];
  const floors: number[] = [];
  for (let index = 0; index < runs + 5; index += 1) {
    const value = await timed(() => openCase(context, member, caseId));
    const least = await timed(() => floor(backend, caseId, member));
    // The first runs warm caches and the JIT; they are not counted.
    if (index < 5) continue;
    values.push(value);
    floors.push(least);
  }
  printPercentiles(`open_case.${backend.label}`, values, floors);
}

export async function run(): Promise<void> {
  const labels = (process.env.BENCH_OPEN_CASE ?? 'pglite,postgres').split(',').map((label) => label.trim());
  for (const label of labels) {
    if (label !== 'pglite' && label !== 'postgres') throw new Error(`BENCH_OPEN_CASE: unknown backend ${label}`);
    const backend: Backend = await openBackend(label);
    try {
      await measure(backend);
    } finally {
      await backend.close();
    }
  }
}
