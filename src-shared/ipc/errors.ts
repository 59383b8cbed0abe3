import { z } from 'zod';

/**
 * Stable error codes returned across the IPC boundary. Programs match on the code; people
 * read the translated message the renderer looks up under `errors.<CODE>`.
 */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_SET_UP',
  'NOT_SET_UP',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'USERNAME_TAKEN',
  'LAST_ADMINISTRATOR',
  'DUPLICATE_PERSONAL_ID',
  'DUPLICATE_CANDIDATES',
  /** The record was merged into another; changes go to the record that continues. */
  'RESIDENT_MERGED',
  /** The resident withdrew consent for a purpose this call would process her data for. */
  'CONSENT_WITHDRAWN',
  /** A backup file that cannot be opened: wrong passphrase, changed or damaged bytes. */
  'BACKUP_INVALID',
  /** A backup written by a newer version of the app. */
  'BACKUP_TOO_NEW',
  /** Sync refused a key, bundle or receipt; details.reason is the SyncError code (sync-errors.ts). */
  'SYNC_REFUSED',
  'STORAGE_FAILURE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type Issue = z.output<typeof issueSchema>;

export interface AppError {
  code: ErrorCode;
  /** A developer-facing English sentence; people see the translation of `code`. */
  message: string;
  /** Field-level problems; `message` is a translation key (see schemas/messages.ts). */
  issues?: Issue[];
  /** Structured detail for the UI, e.g. the existing resident behind a duplicate ID. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: ErrorCode,
  message: string,
  extra: Pick<AppError, 'issues' | 'details'> = {},
): { ok: false; error: AppError } {
  return { ok: false, error: { code, message, ...extra } };
}

/** Thrown inside handlers to leave with a typed error; dispatch turns it into a Result. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<AppError, 'issues' | 'details'> = {},
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
