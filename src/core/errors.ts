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
  RATE_LIMITED: { status: 429, internal: 'Too many requests; retry in {seconds}s' },
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
