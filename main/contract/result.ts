/**
 * Results and errors as they cross the contract. Every call answers with a Result; the client
 * turns an error result back into an AppError, so callers use ordinary try/catch.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'INTERNAL',
  'DB_UNAVAILABLE',
  'CONTENT_INVALID',
  'CONFLICT',
  'MODEL_MISSING',
  'MODEL_INVALID',
  'MODEL_LOAD_FAILED',
  'DOWNLOAD_FAILED',
  'DISK_FULL',
  'MIC_UNAVAILABLE',
  'TRANSCRIBE_FAILED',
  'EXPORT_FAILED',
  'IMPORT_FAILED',
  /** Stored data of one item (a session) cannot be read; the rest is unaffected. */
  'DATA_DAMAGED',
  'TRANSPORT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Human message: what happened and what to do about it. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }

  static fromInfo(info: ErrorInfo): AppError {
    return new AppError(info.code, info.message);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
