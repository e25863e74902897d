/**
 * Fixtures for case-handling tests: a staff member signed in at the use-case level (a real
 * session holding their sealed private key), and a case as intake leaves it — answers sealed
 * under a new case key, that key wrapped for the given staff (and under a receipt-derived key
 * when a receipt is asked for). Everyone and everything here is invented.
 */
import crypto from 'node:crypto';
import { unlockWithPassword } from '../../src/core/crypto/staffKeys.ts';
import { newCaseKey, sealAnswers, sealIdentity, wrapForStaff, type CaseKey } from '../../src/core/intake/caseCrypto.ts';
import type { ReportPath } from '../../src/core/intake/caseModel.ts';
import type { StaffRole } from '../../src/core/roles.ts';
import { addCaseEvent } from '../../src/storage/caseQueries.ts';
import type { Queryable } from '../../src/storage/database.ts';
import { currentQuestionnaire } from '../../src/storage/questionnaireStore.ts';
import { caseKeys, cases, roleGrants, staff } from '../../src/storage/schema/index.ts';
import type { StaffMember } from '../../src/usecases/cases/caseAccess.ts';
import { startSession } from '../../src/usecases/session/sessions.ts';
import { eq } from 'drizzle-orm';
import { testArgon2, type TestDatabase } from './databases.ts';
import { addStaff, type StaffFixture } from './intakeFixtures.ts';

export type CaseStaff = StaffFixture & { member: StaffMember };

/** A staff member with these grants, signed in (session key sealed under the cookie token). */
export async function caseStaff(database: TestDatabase, input: { name: string; grants: { role: StaffRole; orgId: string | null }[]; now?: Date }): Promise<CaseStaff> {
  const email = `${input.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
  const fixture = await addStaff(database, { name: input.name, email, grants: input.grants });
  return { ...fixture, member: await signInMember(database.db, fixture.id, fixture.password, input.now ?? new Date()) };
}

export async function signInMember(db: Queryable, staffId: string, password: string, now: Date): Promise<StaffMember> {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
  if (!row) throw new Error('no such staff member');
  const keyPair = await unlockWithPassword(row, password, testArgon2);
  const session = await startSession(db, { staffId, keyPair, now, limits: { hours: 24 * 400, idleMinutes: 60 * 24 * 400 } });
  const grants = await db.select({ role: roleGrants.role, orgId: roleGrants.orgId }).from(roleGrants).where(eq(roleGrants.staffId, staffId));
  return { staffId, sessionId: session.sessionId, token: session.token, actor: { staffId, grants: grants as { role: StaffRole; orgId: string | null }[] } };
}

export type ReportedCase = { id: string; caseKey: CaseKey };

/** A sent report, as intake stores it, with its key wrapped for `holders` (and emergency copies for `emergency`). */
export async function reportedCase(
  db: Queryable,
  input: {
    orgId: string | null;
    holders: readonly { id: string }[];
    emergency?: readonly { id: string }[];
    path?: ReportPath;
    at?: Date;
    account?: string;
    identity?: { name: string; contact: string };
  },
): Promise<ReportedCase> {
  const id = crypto.randomUUID();
  const caseKey = newCaseKey();
  const at = input.at ?? new Date();
  const questionnaire = await currentQuestionnaire(db, input.orgId);
  await db.insert(cases).values({
    id,
    orgId: input.orgId,
    channelOrgId: input.orgId,
    status: 'submitted',
    path: input.path ?? 'formal',
    identityMode: input.identity ? 'confidential' : 'anonymous',
    questionnaireId: questionnaire.id,
    receiptLookup: crypto.randomBytes(32).toString('hex'),
    sealedAnswers: sealAnswers(caseKey, id, { account: input.account ?? 'An invented account of what happened at the spring workshop.' }),
    sealedIdentity: input.identity ? sealIdentity(caseKey, id, input.identity) : null,
    createdAt: at,
    submittedAt: at,
    updatedAt: at,
  });
  const publicKeys = async (people: readonly { id: string }[]) =>
    Promise.all(people.map(async (person) => ({ id: person.id, publicKey: (await db.select({ publicKey: staff.publicKey }).from(staff).where(eq(staff.id, person.id)))[0]?.publicKey })));
  for (const [holder, people] of [['staff', input.holders], ['emergency', input.emergency ?? []]] as const) {
    for (const person of await publicKeys(people)) {
      if (!person.publicKey) throw new Error('no such staff member');
      await db.insert(caseKeys).values({ caseId: id, holder, staffId: person.id, wrappedKey: wrapForStaff(person.publicKey, caseKey, id, person.id), createdAt: at });
    }
  }
  await addCaseEvent(db, { caseId: id, kind: 'submitted', actorKind: 'reporter', at });
  return { id, caseKey };
}
