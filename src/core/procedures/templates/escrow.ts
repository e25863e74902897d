/**
 * Escrow: an allegation held unread until another, independent reporter names the same person.
 * A case on this path exists once the escrow matcher records a match; an escrow counsellor
 * opens the matched entries and tells the reporter, who then chooses another path (the case
 * moves on) or declines (the counsellor closes it). Nothing on this path reaches the respondent.
 */
import type { ProcedureDefinition } from '../definition.ts';
import { separationOfDuties, stepDeadline } from './shared.ts';

export const escrow: ProcedureDefinition = {
  id: 'escrow',
  version: 1,
  nameKey: 'procedures.templates.escrow.name',
  descriptionKey: 'procedures.templates.escrow.description',
  path: 'escrow',
  dueProcess: false,
  legalReferences: ['Callisto (Rajan et al., COMPASS 2018)'],
  steps: [
    {
      id: 'match',
      nameKey: 'procedures.steps.match',
      action: 'recordEscrowMatch',
      after: [],
      roles: ['escrow_counsellor'],
      duty: 'counsel',
      guards: [],
      skippable: false,
    },
    {
      id: 'reporterInformed',
      nameKey: 'procedures.steps.reporterInformed',
      action: 'informReporterOfMatch',
      after: ['match'],
      roles: ['escrow_counsellor'],
      duty: 'counsel',
      guards: [],
      skippable: false,
    },
    {
      id: 'closure',
      nameKey: 'procedures.steps.escrowDeclined',
      action: 'close',
      after: ['reporterInformed'],
      roles: ['escrow_counsellor'],
      duty: 'counsel',
      guards: [],
      skippable: false,
    },
  ],
  deadlines: [stepDeadline('reporterInformed', 'reporterInformed', 7, 2)],
  separationOfDuties,
  // Escrow counsellors, not handlers, work this path; handlers join when the reporter moves on.
  staffing: { minimumHandlers: 1, exemptSteps: ['match', 'reporterInformed', 'closure'] },
  appeals: null,
  retention: { yearsAfterClosure: 2 },
};

