import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import {
  SYNC_ERROR_CODES,
  SYNC_ERROR_MESSAGES,
  type SyncErrorCode,
} from '../../../src-shared/sync/sync-errors';
import { RECORD_REJECTION_REASONS } from '../../../src-shared/sync/receipt';

export type SyncStatus = ChannelOutput<'sync.status'>;
export type BundleSummary = ChannelOutput<'sync.bundles'>[number];
export type ExportJob = ChannelOutput<'sync.exportProgress'>;
export type RejectedRecord = ChannelOutput<'sync.rejected'>[number];
export type UploadOutcome = ChannelOutput<'sync.upload'>[number];

export type UiLanguage = 'vi' | 'en';

export function uiLanguage(language: string | undefined): UiLanguage {
  return language?.startsWith('en') ? 'en' : 'vi';
}

function isSyncErrorCode(code: unknown): code is SyncErrorCode {
  return typeof code === 'string' && (SYNC_ERROR_CODES as readonly string[]).includes(code);
}

/** Any failure a sync call, job or upload can report. */
export interface SyncFailure {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/**
 * The sentence a person reads for a failure. A refused call (`SYNC_REFUSED`) names its
 * reason in `details.reason`; a failed job or upload names a sync code directly. Both read
 * the shared texts of src-shared/sync/sync-errors.ts, so the screen and the command line say
 * the same thing; other codes use the app's error texts.
 */
export function syncFailureText(
  failure: SyncFailure,
  t: TFunction,
  exists: (key: string) => boolean,
  language: UiLanguage,
): string {
  const reason = failure.code === 'SYNC_REFUSED' ? failure.details?.['reason'] : failure.code;
  if (isSyncErrorCode(reason)) return SYNC_ERROR_MESSAGES[reason][language];
  const key = `errors.${failure.code}`;
  return exists(key) ? t(key) : t('sync.failure.other', { code: failure.code });
}

/** `syncFailureText` in the language on screen. */
export function useSyncFailureText(): (failure: SyncFailure) => string {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  return (failure) => syncFailureText(failure, t, (key) => i18n.exists(key), language);
}

/** A rejection reason the receiver explained; an unknown code is shown as it is (receipt.ts). */
export function rejectionReasonText(reason: string, language: UiLanguage): string | null {
  const known = (RECORD_REJECTION_REASONS as Record<string, { vi: string; en: string }>)[reason];
  return known ? known[language] : null;
}

/**
 * Sizes in decimal megabytes (1 MB = 1 000 000 bytes, as USB sticks and file managers count
 * them); under one megabyte in kilobytes, so a small bundle does not read "0,0 MB".
 */
export function formatSize(bytes: number, language: UiLanguage): string {
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  if (bytes < 1_000_000) {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.ceil(bytes / 1000)))} KB`;
  }
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_000_000)} MB`;
}

export function formatCount(value: number, language: UiLanguage): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

/** Bundles the city has not answered yet: exported (on a stick) or sent without a receipt. */
export function awaitingReceipt(bundles: readonly BundleSummary[]): BundleSummary[] {
  return bundles
    .filter((b) => b.state === 'exported' || b.state === 'uploaded')
    .sort((a, b) => a.sequence - b.sequence);
}

export const STATE_BADGE: Record<BundleSummary['state'], string> = {
  exported: 'badge',
  uploaded: 'badge',
  receipted: 'badge badge--ok',
  partlyRejected: 'badge badge--warn',
};
