import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import {
  awaitingReceipt,
  useSyncFailureText,
  type BundleSummary,
  type UploadOutcome,
} from './sync-display';

/**
 * "Gửi lên Thành phố": sends every bundle still waiting for a receipt, oldest first (the city
 * refuses a gap in the sequence: BUNDLE_SEQUENCE_GAP), and shows what happened to each.
 */
export function UploadSection({
  bundles,
  cityStoreUrl,
  onUploaded,
}: {
  bundles: readonly BundleSummary[];
  cityStoreUrl: string;
  onUploaded: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const failureText = useSyncFailureText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [outcomes, setOutcomes] = useState<UploadOutcome[] | null>(null);
  const waiting = awaitingReceipt(bundles);
  const sequenceOf = new Map(bundles.map((b) => [b.id, b.sequence]));

  const upload = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    setOutcomes(null);
    const result = await call('sync.upload', { bundleIds: waiting.map((b) => b.id) });
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    setOutcomes(result.value);
    onUploaded();
  };

  return (
    <section className="section sync-section" aria-labelledby="sync-upload-title">
      <h2 id="sync-upload-title">{t('sync.upload.title')}</h2>
      {cityStoreUrl === '' ? (
        <p className="banner banner--info">{t('sync.upload.noAddress')}</p>
      ) : (
        <p className="muted">{t('sync.upload.to', { url: cityStoreUrl })}</p>
      )}
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || waiting.length === 0 || cityStoreUrl === ''}
          onClick={() => void upload()}
        >
          {busy
            ? t('sync.upload.busy')
            : waiting.length === 0
              ? t('sync.upload.title')
              : t('sync.upload.button', { count: waiting.length })}
        </button>
        {waiting.length === 0 ? <span className="muted">{t('sync.upload.none')}</span> : null}
      </div>
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failureText(failure)}
        </p>
      ) : null}
      {outcomes ? (
        <ul className="sync-outcomes" aria-label={t('sync.upload.outcomes')}>
          {outcomes.map((o) => (
            <li key={o.bundleId}>
              <span
                className={
                  o.outcome === 'receipted' ? 'badge badge--ok' : 'badge sync-badge--failed'
                }
              >
                {t(`sync.upload.outcome.${o.outcome}`)}
              </span>{' '}
              {t('sync.upload.bundle', { sequence: sequenceOf.get(o.bundleId) ?? '?' })}
              {o.error ? ` — ${failureText(o.error)}` : ''}{' '}
              {o.attempts > 1 ? (
                <span className="muted">{t('sync.upload.attempts', { count: o.attempts })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
