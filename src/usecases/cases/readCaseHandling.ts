/**
 * What a staff member can do on a case now: the engine's available actions (`availableActions`)
 * and the choices inside them that name someone or somewhere — which colleague can take which
 * case role, whose conflict can be recorded, which procedure the case can move to — each tried
 * against the engine (core/cases/actionChoices.ts). Access is the policy's (NOT_FOUND when
 * refused, as for a missing case); nothing is decrypted, and the read is audited in the same
 * transaction.
 */
import { actionChoices, type ActionChoices } from '../../core/cases/actionChoices.ts';
import { availableActions, type AvailableAction, type CaseState, type ProcedureDefinition } from '../../core/procedures/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseAssignees } from '../../storage/caseAssignees.ts';
import type { Context } from '../context.ts';
import { grantsForCase, openCaseKey, type StaffMember } from './caseAccess.ts';
import { handledCase, procedureTargets } from './handledCase.ts';

export type CaseHandling = {
  caseId: string;
  definition: ProcedureDefinition;
  state: CaseState;
  /** Everything the engine would accept from this member now, `assign` (themself) included. */
  actions: AvailableAction[];
  choices: Omit<ActionChoices, 'available'>;
  /** Names of the colleagues the choices offer, by staff id. */
  people: Record<string, string>;
};

export async function readCaseHandling(context: Context, member: StaffMember, caseId: string): Promise<CaseHandling> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { found, breakGlass } = await openCaseKey(tx, member, caseId, 'case.open', now);
    const { definition, state } = await handledCase(tx, found);
    const actor = { kind: 'staff' as const, staffId: member.staffId, grants: grantsForCase(member, found.orgId) };
    const colleagues = await caseAssignees(tx, found.id, found.orgId);
    const { available: _withoutAssign, ...choices } = actionChoices(definition, state, actor, now, colleagues, await procedureTargets(tx, found, state));
    await recordAudit(
      tx,
      { actorId: member.staffId, action: 'case.actions-viewed', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: breakGlass ? { breakGlass: true } : {} },
      now,
    );
    return {
      caseId: found.id,
      definition,
      state,
      actions: availableActions(definition, state, actor, now),
      choices,
      people: Object.fromEntries(colleagues.map((colleague) => [colleague.staffId, colleague.name])),
    };
  });
}
