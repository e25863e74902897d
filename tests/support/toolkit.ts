/**
 * Toolkit fixtures: a network with member organisations and staff who coordinate assessments,
 * inserted directly (the staff keys are random bytes: these people never sign in), and a helper
 * that answers a round the way a colleague would, with an invitation code.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/core/policy.ts';
import type { RoleGrant } from '../../src/core/roles.ts';
import { emptyProgress, type Progress } from '../../src/core/toolkit/answering.ts';
import type { RoleGroup } from '../../src/core/toolkit/roleGroups.ts';
import { questionsInForm, type AssessmentForm, type TemplateDefinition } from '../../src/core/toolkit/template.ts';
import { network, organisations, roleGrants, staff } from '../../src/storage/schema/index.ts';
import { submitAnswers } from '../../src/usecases/toolkit/answering.ts';
import type { TestDatabase } from './databases.ts';

export async function ensureNetwork(database: TestDatabase): Promise<void> {
  const existing = await database.db.select({ id: network.id }).from(network).limit(1);
  if (existing.length === 0) await database.db.insert(network).values({ name: 'Riverbend Network', defaultLanguage: 'en' });
}

export async function addOrganisation(database: TestDatabase, slug: string, name: string): Promise<string> {
  await ensureNetwork(database);
  const [row] = await database.db.insert(organisations).values({ slug, name, languages: ['en', 'es'], country: 'KE' }).returning({ id: organisations.id });
  if (!row) throw new Error('organisation not created');
  return row.id;
}

/** A staff member holding the given grants; returns the policy actor for use-case calls. */
export async function addStaff(database: TestDatabase, email: string, name: string, grants: RoleGrant[]): Promise<Actor> {
  const bytes = () => new Uint8Array(randomBytes(32));
  const [row] = await database.db
    .insert(staff)
    .values({ email, name, language: 'en', publicKey: bytes(), passwordSalt: bytes(), privateKeyByPassword: bytes(), privateKeyByRecovery: bytes() })
    .returning({ id: staff.id });
  if (!row) throw new Error('staff not created');
  for (const grant of grants) await database.db.insert(roleGrants).values({ staffId: row.id, orgId: grant.orgId, role: grant.role });
  return { staffId: row.id, grants };
}

/** Answers every question of the form with `choice` (a valid choice for both kinds: 1–3). */
export function completeProgress(definition: TemplateDefinition, form: AssessmentForm, choice: number, role: RoleGroup | null = null, notes: Record<string, string> = {}): Progress {
  const progress = emptyProgress();
  progress.role = role;
  for (const question of questionsInForm(definition, form)) {
    if (question.kind !== 'free_text') progress.answers[question.key] = choice;
  }
  progress.notes = notes;
  return progress;
}

export async function answerWith(database: TestDatabase, code: string, progress: Progress): Promise<void> {
  await submitAnswers(database.context, { code, progress });
}
