/**
 * Input errors: a stable code, a plain message, and the exit code the CLI uses for them.
 */
export type InputErrorCode = 'empty' | 'binary' | 'too-large' | 'unreadable' | 'bad-json' | 'bad-html' | 'bad-date' | 'bad-feed';

export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}
