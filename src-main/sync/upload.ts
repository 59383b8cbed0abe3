import { SYNC_FILE_MEDIA_TYPE } from '../../src-shared/sync/bundle-header';
import {
  isSyncError,
  SYNC_ERROR_CODES,
  SYNC_ERROR_MESSAGES,
} from '../../src-shared/sync/sync-errors';
import type { Db } from '../db/connection';
import {
  getBundle,
  getBundleFileText,
  listBundles,
  markUploaded,
  type BundleRow,
} from '../db/sync-repository';
import { importReceipt } from './receipts';

/**
 * Sending bundles to the city record store over HTTP (docs/sync-protocol.md §9): POST
 * /bundles, the answer being the receipt, imported exactly as a receipt brought on USB. The
 * receiver is idempotent by bundle id, so a bundle whose answer was lost is simply sent
 * again, byte for byte. Bundles go in sequence order and the run stops at the first that
 * fails, so an interrupted set resumes where it stopped; a receipted bundle is never sent.
 */

/** Codes of the transport itself, next to the SyncError codes a receiver answers with. */
export const UPLOAD_ERROR_MESSAGES = {
  UPLOAD_UNREACHABLE: {
    vi: 'Không kết nối được với kho dữ liệu Thành phố. Gói vẫn được giữ; hãy gửi lại sau.',
    en: 'The city record store cannot be reached. The bundle is kept; send it again later.',
  },
  UPLOAD_BAD_RESPONSE: {
    vi: 'Kho dữ liệu Thành phố trả lời không phải là biên nhận. Gói vẫn được giữ; hãy gửi lại sau.',
    en: 'The city record store did not answer with a receipt. The bundle is kept; send it again later.',
  },
} as const;

export interface UploadOutcome {
  bundleId: string;
  outcome: 'receipted' | 'failed';
  error: { code: string; message: string } | null;
  attempts: number;
}

export interface UploadOptions {
  cityStoreUrl: string;
  stationCode: string;
  now: () => Date;
  /** Waits between attempts; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Back-off before each retry: 3 attempts in all by default. */
  backoffMs?: readonly number[];
  onReceipted?: (bundle: BundleRow) => void;
}

const DEFAULT_BACKOFF_MS = [500, 1000, 2000] as const;

class UploadFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Worth another attempt: the receiver was down or failed, not refused the file. */
    readonly retry: boolean,
  ) {
    super(message);
  }
}

function messageOf(code: string): string {
  if (code in UPLOAD_ERROR_MESSAGES) {
    return UPLOAD_ERROR_MESSAGES[code as keyof typeof UPLOAD_ERROR_MESSAGES].vi;
  }
  return (SYNC_ERROR_CODES as readonly string[]).includes(code)
    ? SYNC_ERROR_MESSAGES[code as keyof typeof SYNC_ERROR_MESSAGES].vi
    : code;
}

async function postOnce(url: string, fileText: string, fetchImpl: typeof fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': SYNC_FILE_MEDIA_TYPE },
      body: fileText,
    });
  } catch {
    throw new UploadFailure('UPLOAD_UNREACHABLE', messageOf('UPLOAD_UNREACHABLE'), true);
  }
  let body: string;
  try {
    body = await response.text();
  } catch {
    throw new UploadFailure('UPLOAD_UNREACHABLE', messageOf('UPLOAD_UNREACHABLE'), true);
  }
  if (response.status === 200) return body;
  // A refusal names its code (§9); a receiver failure (5xx) is worth another attempt.
  let code = 'UPLOAD_BAD_RESPONSE';
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    if (typeof parsed.code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(parsed.code)) {
      code = parsed.code;
    }
  } catch {
    // Not JSON: reported as a bad response below.
  }
  throw new UploadFailure(code, messageOf(code), response.status >= 500);
}

async function uploadOne(
  db: Db,
  bundle: BundleRow,
  options: UploadOptions,
): Promise<UploadOutcome> {
  const fileText = getBundleFileText(db, bundle.id) ?? '';
  const url = `${options.cityStoreUrl.replace(/\/+$/, '')}/bundles`;
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  let attempts = 0;
  let last: UploadFailure | null = null;
  while (attempts < backoff.length) {
    if (attempts > 0) await sleep(backoff[attempts - 1]!);
    attempts += 1;
    let receiptText: string;
    try {
      receiptText = await postOnce(url, fileText, fetchImpl);
    } catch (error) {
      if (!(error instanceof UploadFailure)) throw error;
      last = error;
      if (!error.retry) break;
      continue;
    }
    try {
      await importReceipt(db, receiptText, {
        stationCode: options.stationCode,
        at: options.now().toISOString(),
        onApplied: options.onReceipted,
      });
      return { bundleId: bundle.id, outcome: 'receipted', error: null, attempts };
    } catch (error) {
      // An answer that is not a valid receipt for this bundle: no record is marked and no
      // change acknowledged; the bundle only shows that the city took the POST.
      const at = options.now().toISOString();
      db.transaction(() => markUploaded(db, bundle.id, at))();
      // Something that is no receipt at all is the receiver's fault (§9); a receipt that fails
      // its checks (signature, station, bundle) keeps its own code.
      const code =
        isSyncError(error) && error.code !== 'RECEIPT_MALFORMED'
          ? error.code
          : 'UPLOAD_BAD_RESPONSE';
      return {
        bundleId: bundle.id,
        outcome: 'failed',
        error: { code, message: messageOf(code) },
        attempts,
      };
    }
  }
  const failure =
    last ?? new UploadFailure('UPLOAD_UNREACHABLE', messageOf('UPLOAD_UNREACHABLE'), true);
  return {
    bundleId: bundle.id,
    outcome: 'failed',
    error: { code: failure.code, message: failure.message },
    attempts,
  };
}

/**
 * Uploads the given bundles (all awaiting a receipt when none is named), oldest sequence
 * first; receipted ones are skipped. Stops at the first failure.
 */
export async function uploadBundles(
  db: Db,
  bundleIds: readonly string[],
  options: UploadOptions,
): Promise<UploadOutcome[]> {
  const chosen =
    bundleIds.length === 0
      ? listBundles(db)
      : bundleIds.map((id) => getBundle(db, id)).filter((b): b is BundleRow => b !== null);
  const pending = chosen
    .filter((b) => b.state === 'exported' || b.state === 'uploaded')
    .sort((a, b) => a.sequence - b.sequence);
  const outcomes: UploadOutcome[] = [];
  for (const bundle of pending) {
    const outcome = await uploadOne(db, bundle, options);
    outcomes.push(outcome);
    if (outcome.outcome === 'failed') break;
  }
  return outcomes;
}
