/**
 * The API's error catalogue: every error a client can see has a stable code (what programs match
 * on), an HTTP status, and a plain message (what people read). Codes are never renamed; new ones
 * are added. The body is always `{ "error": { "code", "status", "message", "details"? } }`.
 */
export const ERRORS = {
  'bad-request': { status: 400, message: 'The request does not match what this endpoint accepts.' },
  'bad-json': { status: 400, message: 'The body is not valid JSON.' },
  'bad-article': { status: 400, message: 'The article could not be read.' },
  'empty-article': { status: 422, message: 'The input holds no article text.' },
  unauthorized: { status: 401, message: 'This endpoint needs the server token: send "Authorization: Bearer TOKEN".' },
  'writes-disabled': { status: 403, message: 'Writing is switched off: start the server with --token to allow it on a non-local address.' },
  'not-found': { status: 404, message: 'There is no such endpoint.' },
  'article-not-found': { status: 404, message: 'There is no article with this id.' },
  'entity-not-found': { status: 404, message: 'There is no knowledge-base entry with this id.' },
  'method-not-allowed': { status: 405, message: 'This endpoint does not accept this method.' },
  'too-large': { status: 413, message: 'The body is larger than the server accepts.' },
  'unsupported-media-type': { status: 415, message: 'Send text/plain, text/html or application/json.' },
  busy: { status: 503, message: 'The server is analysing as many articles as it can; retry in a moment.' },
  internal: { status: 500, message: 'Something went wrong inside the server (a bug: please report it).' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; status: number; message: string; details?: string[] };
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: string[] | undefined;

  constructor(code: ErrorCode, message?: string, details?: string[]) {
    super(message ?? ERRORS[code].message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }

  body(): ErrorBody {
    return {
      error: { code: this.code, status: this.status, message: this.message, ...(this.details?.length ? { details: this.details } : {}) },
    };
  }
}
