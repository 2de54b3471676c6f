/**
 * The mock API's error bodies, in the payments-API style its docs describe:
 * { "error": { "type", "code", "message", "param"? } } with a sentence a developer can act on.
 */
export type ErrorType =
  'invalid_request_error' | 'card_error' | 'authentication_error' | 'rate_limit_error' | 'api_error';

export interface ApiReply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export function apiError(status: number, type: ErrorType, code: string, message: string, param?: string): ApiReply {
  return { status, body: { error: { type, code, message, ...(param ? { param } : {}) } } };
}
