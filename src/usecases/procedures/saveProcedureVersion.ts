/**
 * An administrator stores an adapted procedure: a copy of a template (or a new version of their
 * own copy) as JSON. It is accepted only if `validateDefinition` finds nothing wrong — every
 * step reachable, due process intact for a formal procedure, nothing reaching the respondent on
 * a path that promises none — and then becomes the scope's procedure for new cases on its path.
 * The id belongs to one scope; the version is the next one whatever the JSON says; shipped
 * template ids cannot be reused. Audited.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { validateDefinition, type DefinitionProblem, templates, type ProcedureDefinition } from '../../core/procedures/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { insertProcedure, ownerOfProcedure } from '../../storage/procedureStore.ts';
import type { Context } from '../context.ts';

export const PROCEDURE_JSON_MAX = 200_000;

export type SaveProcedureOutcome = { ok: true; definition: ProcedureDefinition } | { ok: false; problems: DefinitionProblem[]; jsonError?: string };

function problem(code: DefinitionProblem['code'], params: DefinitionProblem['params']): DefinitionProblem {
  return { code, messageKey: `procedures.problems.${code}`, params };
}

export async function saveProcedureVersion(context: Context, actor: Actor, input: { orgId: string | null; json: unknown }): Promise<SaveProcedureOutcome> {
  authorize(actor, 'procedure.configure', { kind: 'report-channel', orgId: input.orgId });
  if (typeof input.json !== 'string' || input.json.trim() === '' || input.json.length > PROCEDURE_JSON_MAX) {
    return { ok: false, problems: [problem('SHAPE', { path: 'definition', detail: `JSON of at most ${PROCEDURE_JSON_MAX} characters` })] };
  }
  let value: unknown;
  try {
    value = JSON.parse(input.json);
  } catch (error) {
    return { ok: false, problems: [problem('SHAPE', { path: 'definition', detail: error instanceof Error ? error.message : 'not JSON' })] };
  }
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const candidate = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const id = typeof candidate.id === 'string' ? candidate.id : '';
    if (templates.some((template) => template.id === id)) {
      return { ok: false, problems: [problem('SHAPE', { path: 'id', detail: 'choose a new id for your copy; the shipped templates keep theirs' })] };
    }
    const owner = id ? await ownerOfProcedure(tx, id) : undefined;
    if (owner && owner.orgId !== input.orgId) return { ok: false, problems: [problem('SHAPE', { path: 'id', detail: 'this id is already used elsewhere; choose another' })] };
    const verdict = validateDefinition({ ...candidate, version: (owner?.latest ?? 0) + 1 });
    if (!verdict.ok) return { ok: false, problems: verdict.problems };
    await insertProcedure(tx, { definition: verdict.definition, orgId: input.orgId, createdBy: actor.staffId, now });
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'procedure.version-saved', subjectType: 'procedure', subjectId: `${verdict.definition.id}@${verdict.definition.version}`, orgId: input.orgId, details: { path: verdict.definition.path } },
      now,
    );
    return { ok: true, definition: verdict.definition };
  });
}

/** A template or stored definition as the starting point of a copy: a new id, version 1. */
export function copyOf(definition: ProcedureDefinition, prefix: string): ProcedureDefinition {
  const id = `${prefix}-${definition.id}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return { ...definition, id: /^[a-z]/.test(id) ? id : `p-${id}`.slice(0, 60), version: 1 };
}
