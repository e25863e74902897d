/**
 * What a case is, as far as intake knows it: its status, the path the reporter chose, how the
 * reporter wants to be known, and the events of its timeline. These are workflow metadata,
 * readable to the server; everything the reporter wrote is sealed (caseCrypto.ts). The rules
 * for what a reporter may still do at each status live here.
 */

export const caseStatuses = ['draft', 'submitted', 'acknowledged', 'in_progress', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The reporter's chosen path; escrow arrives with the escrow feature. */
export const reportPaths = ['record_only', 'informal', 'formal', 'not_sure'] as const;
export type ReportPath = (typeof reportPaths)[number];

/** anonymous: nobody learns who reported; confidential: known only to the handlers; named: may be named to the respondent. */
export const identityModes = ['anonymous', 'confidential', 'named'] as const;
export type IdentityMode = (typeof identityModes)[number];

export const recipientChoices = ['organisation', 'network'] as const;
export type RecipientChoice = (typeof recipientChoices)[number];

export const caseEventKinds = [
  'draft-saved',
  'submitted',
  'acknowledged',
  'reporter-message',
  'handler-message',
  'information-added',
  'path-changed',
  'withdrawn',
  /** Case handling sent the reporter something in writing (details.what: a core/procedures Delivery). */
  'delivered',
  'closed',
] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (caseStatuses as readonly string[]).includes(value);
}

export function isReportPath(value: unknown): value is ReportPath {
  return typeof value === 'string' && (reportPaths as readonly string[]).includes(value);
}

export function isIdentityMode(value: unknown): value is IdentityMode {
  return typeof value === 'string' && (identityModes as readonly string[]).includes(value);
}

export function isCaseEventKind(value: unknown): value is CaseEventKind {
  return typeof value === 'string' && (caseEventKinds as readonly string[]).includes(value);
}

/** A report still open for the reporter to act on: sent, and neither withdrawn nor closed. */
function isOpen(status: CaseStatus): boolean {
  return status === 'submitted' || status === 'acknowledged' || status === 'in_progress';
}

export type ReporterAction = 'finish-draft' | 'message' | 'add-information' | 'change-path' | 'withdraw';

export function reporterMay(action: ReporterAction, status: CaseStatus): boolean {
  switch (action) {
    case 'finish-draft':
      return status === 'draft';
    case 'message':
      // A withdrawn report can still be talked about: the reporter may want to explain or return.
      return isOpen(status) || status === 'withdrawn';
    case 'add-information':
    case 'change-path':
    case 'withdraw':
      return isOpen(status);
  }
}
