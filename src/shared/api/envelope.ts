/**
 * The one reply envelope every request answers with (STYLE.md habit 3).
 * Errors carry a stable code the UI can branch on and a message written for a
 * person: what was wrong and what to do. Never a stack trace.
 */
export const errorCodes = [
  'invalid-input',
  'unknown-request',
  'not-found',
  'conflict',
  'keychain-unavailable',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For invalid-input: one entry per problem, each naming the field path. */
  issues?: { path: string; message: string }[];
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** What the client throws when a reply is not ok. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[];

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (errorCodes as readonly unknown[]).includes(v.code);
}
