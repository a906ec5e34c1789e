/**
 * The one errors module: every failure a user can see has a stable NL_ERR_* code, a message,
 * the process exit code the CLI uses (2 = bad usage or input, 1 = runtime failure) and the HTTP
 * status the API answers with. Code never throws bare strings; it throws NeoLightError.
 */

export const ERRORS = {
  NL_ERR_BAD_INPUT: { exit: 2, http: 400, message: 'bad input' },
  NL_ERR_BAD_CONFIG: { exit: 2, http: 500, message: 'bad configuration' },
  NL_ERR_BAD_FLAG: { exit: 2, http: 400, message: 'bad command-line flag' },
  NL_ERR_NOT_IMPLEMENTED: { exit: 2, http: 501, message: 'not implemented yet' },
  NL_ERR_CONTRACT_INVALID: { exit: 1, http: 500, message: 'state document failed validation' },
  NL_ERR_LEDGER_CORRUPT: { exit: 1, http: 500, message: 'ledger file is corrupt' },
  NL_ERR_LOCK_HELD: { exit: 1, http: 409, message: 'lock is held by a live process' },
  NL_ERR_PORT_IN_USE: { exit: 1, http: 500, message: 'port is in use' },
  NL_ERR_NOT_FOUND: { exit: 1, http: 404, message: 'not found' },
  NL_ERR_CONFLICT: { exit: 1, http: 409, message: 'conflicts with the current state' },
  NL_ERR_UNAUTHORIZED: { exit: 1, http: 401, message: 'missing or wrong bearer token' },
  NL_ERR_FORBIDDEN: { exit: 1, http: 403, message: 'request refused: it may come from another site' },
  NL_ERR_HOST_NOT_ALLOWED: { exit: 1, http: 421, message: 'the Host header names a host this server does not serve' },
  NL_ERR_UNKNOWN_AGENT: { exit: 2, http: 404, message: 'unknown agent' },
  NL_ERR_AGENT_FAILED: { exit: 1, http: 500, message: 'agent tick failed' },
  NL_ERR_NOT_RUNNING: { exit: 1, http: 503, message: 'mesh is not running' },
  NL_ERR_DATA: { exit: 2, http: 400, message: 'bad data file' },
  NL_ERR_UPSTREAM: { exit: 1, http: 502, message: 'upstream service failed' },
  NL_ERR_ORDER_REJECTED: { exit: 1, http: 422, message: 'order rejected' },
  NL_ERR_INTERNAL: { exit: 1, http: 500, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class NeoLightError extends Error {
  readonly code: ErrorCode;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, detail?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message ?? ERRORS[code].message, options);
    this.name = 'NeoLightError';
    this.code = code;
    this.detail = detail;
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }

  get httpStatus(): number {
    return ERRORS[this.code].http;
  }

  toJSON(): { code: ErrorCode; message: string; detail?: Record<string, unknown> } {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}

export function isNeoLightError(err: unknown): err is NeoLightError {
  return err instanceof NeoLightError;
}

/** A readable one-line message for any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof NeoLightError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
