/**
 * The one error catalogue. Every error Redress raises on purpose has a stable code (part of the
 * public API), an HTTP status, and a translatable user message under `errors.<CODE>` in the
 * message catalogues. `internal` is for operators (logs, CLI), never shown to a web user.
 * NOT_FOUND is also the answer to "forbidden": a caller without access must not learn that a
 * record exists.
 */

export const errorCatalogue = {
  BAD_INPUT: { status: 400, internal: 'The input was not valid: {detail}' },
  CSRF_INVALID: { status: 403, internal: 'The form token was missing or wrong' },
  NOT_FOUND: { status: 404, internal: 'Not found, or not allowed' },
  SIGN_IN_FAILED: { status: 401, internal: 'Sign-in failed' },
  SIGN_IN_REQUIRED: { status: 401, internal: 'Sign-in required' },
  SIGN_IN_THROTTLED: { status: 429, internal: 'Too many sign-in attempts; retry in {seconds}s' },
  LINK_INVALID: { status: 404, internal: 'The link is unknown, used or expired' },
  TOTP_INVALID: { status: 400, internal: 'The code from the authenticator app was not right' },
  PASSWORD_WEAK: { status: 400, internal: 'The password is too short or too common' },
  PASSWORD_WRONG: { status: 400, internal: 'The current password was not right' },
  ALREADY_SET_UP: { status: 409, internal: 'This Redress is already set up' },
  EMAIL_TAKEN: { status: 409, internal: 'A staff member with this e-mail already exists' },
  SLUG_TAKEN: { status: 409, internal: 'An organisation with this short name already exists' },
  LAST_ADMIN: { status: 409, internal: 'The last network administrator cannot lose the role' },
  CONFIG_INVALID: { status: 500, internal: 'Configuration is not valid: {detail}' },
  DATABASE_UNREACHABLE: { status: 503, internal: 'Cannot reach the database: {detail}' },
  DATABASE_TOO_NEW: {
    status: 500,
    internal: 'The database was written by a newer version of Redress ({detail}); upgrade Redress before opening it',
  },
  DATA_DIR_UNWRITABLE: { status: 500, internal: 'The data folder {detail} cannot be written' },
  DATA_DIR_IN_USE: { status: 500, internal: 'The data folder {detail} is already open in another Redress process' },
  PORT_IN_USE: { status: 500, internal: 'Port {detail} is already in use; set PORT to a free port' },
  RESTORE_TARGET_NOT_EMPTY: { status: 500, internal: 'Restore needs an empty data folder or database: {detail}' },
  BACKUP_INVALID: { status: 500, internal: 'The backup file is not a Redress backup or is damaged: {detail}' },
  BACKUP_TOO_NEW: {
    status: 500,
    internal: 'The backup was made by a newer version of Redress ({detail}); upgrade Redress before restoring it',
  },
  BACKUP_FILE_EXISTS: { status: 500, internal: 'The file {detail} already exists; choose a new name for the backup' },
  DATA_DIR_MISSING: { status: 500, internal: 'There is no Redress database in {detail}; check REDRESS_DATA_DIR or DATABASE_URL' },
  RATE_LIMITED: { status: 429, internal: 'Too many requests; retry in {seconds}s' },
  ESCROW_IDENTIFIER_INVALID: { status: 400, internal: 'The escrow identifier is not valid: {detail}' },
  ESCROW_THRESHOLD_INVALID: { status: 400, internal: 'The escrow threshold must be a whole number from 2 to 16: {detail}' },
  ESCROW_SERVER_KEY_INVALID: { status: 500, internal: 'The escrow server key is malformed or does not match the pinned public key: {detail}' },
  ESCROW_PROOF_INVALID: { status: 502, internal: 'The escrow server evaluation did not verify against the pinned public key' },
  ESCROW_OPRF_REQUEST_INVALID: { status: 400, internal: 'The escrow evaluation request is malformed: {detail}' },
  ESCROW_OPRF_REPLAYED: { status: 409, internal: 'This escrow evaluation request was already answered (replay)' },
  ESCROW_ENTRY_INVALID: { status: 400, internal: 'The escrow entry cannot be sealed or opened: {detail}' },
  ESCROW_UNAVAILABLE: { status: 503, internal: 'Escrow is not available: {detail}' },
  ESCROW_TOKEN_INVALID: { status: 401, internal: 'The escrow reporter token or invitation code is unknown or malformed' },
  ESCROW_TOKEN_EXHAUSTED: { status: 429, internal: 'This escrow reporter token has used all the evaluations it will ever get' },
  ESCROW_EMAIL_NOT_OFFERED: { status: 409, internal: 'Membership e-mail codes are not offered here (no SMTP_URL or no membership domains)' },
  ESCROW_EMAIL_NOT_MEMBER: { status: 400, internal: 'The e-mail domain is not one of the network membership domains' },
  ESCROW_CODE_INVALID: { status: 400, internal: 'The one-time membership code is wrong, used or expired' },
  ESCROW_ALREADY_NAMED: { status: 409, internal: 'This reporter already has an escrow entry naming this person (entry {index})' },
  ESCROW_COUNSELLORS_CHANGED: { status: 409, internal: 'The entries are not sealed to exactly the current escrow counsellors' },
  ESCROW_SETTINGS_LOCKED: { status: 409, internal: 'The escrow threshold and name normalisation cannot change once entries exist' },
  ESCROW_DECISION_UNAVAILABLE: { status: 409, internal: 'A decision can be recorded only for an allegation that has matched' },
  ESCROW_KEY_FILE_EXISTS: { status: 500, internal: 'The escrow key file {detail} already exists; an escrow key file is never overwritten' },
  ESCROW_SERVER_REFUSED: { status: 502, internal: 'The escrow server refused the request ({code}): {detail}' },
  POST_SLUG_TAKEN: { status: 409, internal: 'Another post already has the address /blog/{slug}' },
  POST_STATUS_CONFLICT: { status: 409, internal: 'This cannot be done to a post that is {status}' },
  POST_SCHEDULE_IN_PAST: { status: 400, internal: 'The publication time {at} has already passed' },
  POST_TRANSLATION_INVALID: { status: 400, internal: 'A post can only translate an original post in another language: {detail}' },
  IMAGE_TOO_LARGE: { status: 413, internal: 'The image is larger than {megabytes} MB' },
  IMAGE_UNREADABLE: { status: 400, internal: 'The file is not a JPEG, PNG, WebP or GIF image that can be read' },
  BLOG_IMPORT_INVALID: { status: 400, internal: 'Nothing was imported: {detail}' },
  BLOG_EXPORT_CONFLICT: { status: 409, internal: 'Nothing was exported: files with the same names are already in {detail}; choose an empty folder' },
  COMMENT_TOO_FAST: { status: 400, internal: 'The comment form was sent too soon after it was opened' },
  COMMENT_FORM_EXPIRED: { status: 400, internal: 'The comment form is too old or was not issued here' },
  COMMENTS_BUSY: { status: 429, internal: 'Too many comments at the moment; retry in {seconds}s' },
  REPORT_FORM_INVALID: { status: 400, internal: 'The report form token was not issued here or was altered' },
  REPORT_FORM_EXPIRED: { status: 400, internal: 'The report form token has expired' },
  REPORT_ALREADY_SENT: { status: 409, internal: 'This report form was already sent; nothing new was stored' },
  DRAFT_ALREADY_SENT: { status: 409, internal: 'This draft was already sent' },
  REPORT_CHANNEL_UNAVAILABLE: { status: 503, internal: 'No active staff member can receive reports for this channel' },
  RECEIPT_MALFORMED: { status: 400, internal: 'The receipt is not sixteen digits' },
  RECEIPT_UNKNOWN: { status: 401, internal: 'No report has this receipt' },
  RECEIPT_TOO_SOON: { status: 429, internal: 'Receipt attempt before the challenge allowed it; retry in {seconds}s' },
  RECEIPT_CHALLENGE_INVALID: { status: 400, internal: 'The receipt challenge was forged, used or expired' },
  FOLLOW_UP_ENDED: { status: 401, internal: 'The follow-up session ended or the form did not belong to it' },
  REPORT_ACTION_UNAVAILABLE: { status: 409, internal: 'The report no longer allows this (status {status})' },
  ATTACHMENT_MISSING: { status: 410, internal: 'The evidence file is recorded but missing from the attachments folder' },
  QUESTIONNAIRE_CHANGED: { status: 409, internal: 'Another version of the questionnaire was saved meanwhile' },
  CASE_SHARE_REFUSED: { status: 400, internal: 'That staff member cannot receive this case (role, scope or no key)' },
  TOOLKIT_INVITATION_INVALID: { status: 404, internal: 'The assessment invitation is unknown, used, or its round is closed' },
  TOOLKIT_ROUND_CLOSED: { status: 409, internal: 'The assessment round is closed; nothing more is accepted' },
  TOOLKIT_ANSWERS_INCOMPLETE: { status: 400, internal: 'Some questions were not answered: {detail}' },
  TOOLKIT_RESUME_CODE_INVALID: { status: 404, internal: 'The resume code is unknown, was used, or its round is closed' },
  TOOLKIT_TEMPLATE_INVALID: { status: 400, internal: 'The template is not valid: {detail}' },
  TOOLKIT_TEMPLATE_FROZEN: { status: 409, internal: 'A published or built-in template cannot be changed; make a new version' },
  TOOLKIT_EVIDENCE_INVALID: { status: 400, internal: 'The evidence file was refused: {detail}' },
  CASE_ACTION_REFUSED: { status: 409, internal: 'The procedure refused the action: {reason}' },
  PROCEDURE_INVALID: { status: 400, internal: 'The procedure definition is not valid: {detail}' },
  RESPONDENT_LINK_INVALID: { status: 404, internal: 'The respondent invitation link is unknown' },
  RESPONDENT_ACCESS_EXPIRED: { status: 410, internal: 'The respondent invitation has expired' },
  RESPONDENT_ACCESS_REVOKED: { status: 410, internal: 'The respondent invitation was revoked' },
  RESPONDENT_ACCESS_LOCKED: { status: 403, internal: 'The respondent invitation is locked after too many wrong access codes' },
  RESPONDENT_CODE_MALFORMED: { status: 400, internal: 'The access code is not twelve letters and digits' },
  RESPONDENT_CODE_WRONG: { status: 401, internal: 'The access code is wrong ({left} attempts left)' },
  RESPONDENT_CODE_TOO_SOON: { status: 429, internal: 'Access code attempt during the wait after a wrong code; retry in {seconds}s' },
  RESPONDENT_SESSION_ENDED: { status: 401, internal: 'The respondent portal session ended or the form did not belong to it' },
  RESPONDENT_ADVISER_CANNOT_ACT: { status: 403, internal: 'An adviser cannot take a procedural step for the respondent' },
  CASE_REPORT_REDACTED: { status: 403, internal: 'The staff member reads only the redacted report of this case' },
  REDACTION_MISSING: { status: 409, internal: 'No redacted version of the report exists for {audience}' },
  CASE_CONFLICT_UNDECLARED: { status: 409, internal: 'The staff member has not declared that they have no conflict of interest on this case' },
  ESCROW_ALREADY_REPORTED: { status: 409, internal: 'This escrow allegation already went on to a report; its choice is final' },
  EVIDENCE_REVIEW_NOT_OPEN: { status: 409, internal: 'Evidence is shared for review only after the notice and until the evidence review closes' },
  EVIDENCE_SHARE_EMPTY: { status: 400, internal: 'No evidence item was chosen to share' },
  EVIDENCE_ITEM_UNKNOWN: { status: 400, internal: 'A chosen item is not evidence of this case' },
  INTERNAL: { status: 500, internal: 'Unexpected error' },
} as const satisfies Record<string, { status: number; internal: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** Field-level problems for form errors, keyed by field name, each a message key. */
  readonly fields: Record<string, string>;

  constructor(code: ErrorCode, params: ErrorParams = {}, fields: Record<string, string> = {}) {
    super(fillTemplate(errorCatalogue[code].internal, params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  /** The key of the translatable user-facing message. */
  get messageKey(): string {
    return `errors.${this.code}`;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
