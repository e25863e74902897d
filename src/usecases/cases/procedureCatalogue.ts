/**
 * The procedures a case can follow, for the staff who handle cases: the templates Redress ships
 * and the adapted versions stored as data. Definitions are the rules of the process, not case
 * content, so everyone who receives reports may read all of them; a stored row that no longer
 * parses as a definition is left out rather than shown half-read.
 */
import { authorize } from '../../core/policy.ts';
import { AppError } from '../../core/errors.ts';
import { procedureDefinitionSchema, templates, type ProcedureDefinition } from '../../core/procedures/index.ts';
import { procedureDefinition } from '../../storage/caseHandlingStore.ts';
import { storedProcedureDefinitions } from '../../storage/procedureQueries.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';

export type ProcedureListing = Pick<ProcedureDefinition, 'id' | 'version' | 'path' | 'nameKey' | 'descriptionKey' | 'dueProcess'> & {
  /** Shipped with Redress, or stored (adapted by the network or an organisation). */
  origin: 'template' | 'stored';
  orgId: string | null;
};

type Reader = Pick<StaffMember, 'actor'>;

function listing(definition: ProcedureDefinition, origin: ProcedureListing['origin'], orgId: string | null): ProcedureListing {
  const { id, version, path, nameKey, descriptionKey, dueProcess } = definition;
  return { id, version, path, nameKey, descriptionKey, dueProcess, origin, orgId };
}

export async function listProcedures(context: Context, member: Reader): Promise<ProcedureListing[]> {
  authorize(member.actor, 'inbox.view', { kind: 'network' });
  const shipped = templates.map((template) => listing(template, 'template', null));
  // A shipped template wins over a stored row with its id and version, as `procedureDefinition` reads them.
  const shippedKeys = new Set(shipped.map((entry) => `${entry.id}@${entry.version}`));
  const stored = (await storedProcedureDefinitions(context.db)).flatMap((row) => {
    const parsed = procedureDefinitionSchema.safeParse(row.definition);
    return parsed.success && !shippedKeys.has(`${row.id}@${row.version}`) ? [listing(parsed.data, 'stored', row.orgId)] : [];
  });
  return [...shipped, ...stored];
}

export async function readProcedure(context: Context, member: Reader, id: string, version: number): Promise<ProcedureDefinition> {
  authorize(member.actor, 'inbox.view', { kind: 'network' });
  const definition = await procedureDefinition(context.db, id, version);
  if (!definition) throw new AppError('NOT_FOUND');
  return definition;
}
