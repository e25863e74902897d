/**
 * Publishing fixtures: organisations and staff who write or edit, stored the way Redress
 * stores them (real key pairs under cheap test Argon2), so they can sign in through the form.
 * Every person here is invented.
 */
import { createStaffKeys } from '../../src/core/crypto/staffKeys.ts';
import type { Actor } from '../../src/core/policy.ts';
import type { RoleGrant } from '../../src/core/roles.ts';
import { organisations, roleGrants, staff } from '../../src/storage/schema/index.ts';
import type { PostForm } from '../../src/usecases/publishing/postContent.ts';
import { testArgon2, type TestDatabase } from './databases.ts';

export type Person = Actor & { name: string; email: string; password: string };

export async function addOrganisation(database: TestDatabase, slug: string, name: string): Promise<string> {
  const [row] = await database.db.insert(organisations).values({ slug, name, languages: ['en'], country: 'GH' }).returning({ id: organisations.id });
  if (!row) throw new Error('organisation not stored');
  return row.id;
}

export async function addStaffMember(database: TestDatabase, name: string, email: string, grants: RoleGrant[]): Promise<Person> {
  const password = 'a long and careful test password';
  const { keys } = await createStaffKeys(password, testArgon2);
  const [row] = await database.db.insert(staff).values({ email, name, language: 'en', ...keys }).returning({ id: staff.id });
  if (!row) throw new Error('staff member not stored');
  if (grants.length > 0) await database.db.insert(roleGrants).values(grants.map((grant) => ({ staffId: row.id, role: grant.role, orgId: grant.orgId })));
  return { staffId: row.id, grants, name, email, password };
}

/** A network with two member organisations, two authors, an organisation editor and a network editor. */
export async function setUpNewsroom(database: TestDatabase) {
  const openHands = await addOrganisation(database, 'open-hands', 'Open Hands Collective');
  const redAndina = await addOrganisation(database, 'red-andina', 'Red Andina de Mujeres');
  const author = await addStaffMember(database, 'Efua Mensah', 'efua.mensah@example.org', [{ role: 'author', orgId: openHands }]);
  const secondAuthor = await addStaffMember(database, 'Lucía Ferrer', 'lucia.ferrer@example.org', [{ role: 'author', orgId: redAndina }]);
  const orgEditor = await addStaffMember(database, 'Kofi Boateng', 'kofi.boateng@example.org', [{ role: 'editor', orgId: openHands }]);
  const networkEditor = await addStaffMember(database, 'Mira Halvorsen', 'mira.halvorsen@example.org', [{ role: 'editor', orgId: null }]);
  return { openHands, redAndina, author, secondAuthor, orgEditor, networkEditor };
}

export type Newsroom = Awaited<ReturnType<typeof setUpNewsroom>>;

/** A post form as an author fills it in, with whatever a test needs changed. */
export function postForm(overrides: Partial<PostForm> = {}): PostForm {
  return {
    title: 'What our survivor panel taught us',
    slug: '',
    summary: 'A year of listening before acting.',
    body: 'We met every month.[^1]\n\n## What changed\n\nEverything.\n\n[^1]: Twelve meetings in all.',
    language: 'en',
    kind: 'post' as const,
    tags: 'Survivor voice, Safeguarding',
    signatories: '',
    authorRole: 'Programme coordinator',
    orgId: null,
    translationOf: '',
    ...overrides,
  };
}
