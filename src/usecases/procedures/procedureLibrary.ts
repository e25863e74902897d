/**
 * The procedures an administrator can see and adapt: the shipped templates, and the adapted
 * versions stored for each scope they administer (the network, their organisations).
 */
import { inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { administeredScopes, allowed, type Actor } from '../../core/policy.ts';
import type { ProcedureDefinition } from '../../core/procedures/index.ts';
import { shippedProcedures, storedProcedures, type StoredProcedure } from '../../storage/procedureStore.ts';
import { organisations } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';

export type ProcedureScope = { orgId: string | null; name: string | null; slug: string | null; procedures: StoredProcedure[] };

export type ProcedureLibrary = { templates: StoredProcedure[]; scopes: ProcedureScope[] };

export async function procedureLibrary(context: Context, actor: Actor): Promise<ProcedureLibrary> {
  const scopes = administeredScopes(actor);
  if (!scopes.network && scopes.orgIds.length === 0) throw new AppError('NOT_FOUND');
  const orgs = scopes.orgIds.length > 0 ? await context.db.select().from(organisations).where(inArray(organisations.id, scopes.orgIds)).orderBy(organisations.name) : [];
  const list: ProcedureScope[] = [];
  if (scopes.network) list.push({ orgId: null, name: null, slug: null, procedures: await storedProcedures(context.db, null) });
  for (const org of orgs) list.push({ orgId: org.id, name: org.name, slug: org.slug, procedures: await storedProcedures(context.db, org.id) });
  return { templates: shippedProcedures(), scopes: list.filter((scope) => allowed(actor, 'procedure.configure', { kind: 'report-channel', orgId: scope.orgId })) };
}

/** One definition to look at or copy: a template, or a stored version the actor may configure. */
export async function procedureToAdapt(context: Context, actor: Actor, id: string, version: number): Promise<ProcedureDefinition> {
  const library = await procedureLibrary(context, actor);
  const all = [...library.templates, ...library.scopes.flatMap((scope) => scope.procedures)];
  const found = all.find((entry) => entry.definition.id === id && entry.definition.version === version);
  if (!found) throw new AppError('NOT_FOUND');
  return found.definition;
}
