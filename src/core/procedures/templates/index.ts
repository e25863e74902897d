/** The procedure templates Redress ships (SPEC: Case handling); organisations copy and adapt them. */
import type { ProcedureDefinition } from '../definition.ts';
import { escrow } from './escrow.ts';
import { formalInvestigation } from './formalInvestigation.ts';
import { informalResolution } from './informalResolution.ts';
import { internalChannel } from './internalChannel.ts';
import { recordOnly } from './recordOnly.ts';

export { escrow, formalInvestigation, informalResolution, internalChannel, recordOnly };

export const templates: readonly ProcedureDefinition[] = [internalChannel, formalInvestigation, informalResolution, recordOnly, escrow];
