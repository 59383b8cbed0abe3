import { readFileSync, statSync } from 'node:fs';
import { MAX_BUNDLE_FILE_BYTES } from '../../src-shared/sync/bundle-header';
import { SYNC_ERROR_MESSAGES, SyncError, isSyncError } from '../../src-shared/sync/sync-errors';

/** Where a command writes; the tests capture it, the programs print it. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Stops a long-running command (`serve`); without it, SIGINT and SIGTERM do. */
  stopSignal?: AbortSignal;
}

export const consoleIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Exit codes: 0 done, 1 refused (with a stable code), 2 wrong usage. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** node:util parseArgs refuses an unknown option or a missing value with these codes. */
function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof TypeError &&
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

/**
 * Prints why a command failed, Vietnamese first, and gives its exit code. A sync refusal
 * shows its stable code, so an operator can look it up (docs/sync-protocol.md §8).
 */
export function reportFailure(error: unknown, io: CliIo, usage: string): number {
  if (error instanceof UsageError || isParseArgsError(error)) {
    io.err(error.message);
    io.err(usage);
    return EXIT.usage;
  }
  if (isSyncError(error)) {
    const text = SYNC_ERROR_MESSAGES[error.code];
    io.err(`Lỗi ${error.code}: ${text.vi}`);
    io.err(`Error ${error.code}: ${text.en}`);
    if (error.message !== text.en) io.err(`  ${error.message}`);
    return EXIT.refused;
  }
  io.err(`Lỗi (error): ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.refused;
}

/**
 * Reads a bundle file as the receiver would get it: refused before reading when larger than
 * MAX_BUNDLE_FILE_BYTES, and refused when it is not UTF-8 (a bundle file is ASCII).
 */
export function readBundleFile(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_BUNDLE_FILE_BYTES) {
    throw new SyncError(
      'BUNDLE_TOO_LARGE',
      `${path} is ${size} bytes; a bundle file is at most ${MAX_BUNDLE_FILE_BYTES}.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new SyncError('BUNDLE_MALFORMED', `${path} is not UTF-8 text.`);
  }
}
