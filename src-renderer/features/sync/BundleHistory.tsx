import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam } from '../../../src-shared/domain/dates';
import {
  STATE_BADGE,
  formatCount,
  formatSize,
  uiLanguage,
  useSyncFailureText,
  type BundleSummary,
} from './sync-display';
import { useBundleDownload } from './use-bundle-download';

/** "Lịch sử gói": every bundle, newest first, with what the city said about its records. */
export function BundleHistory({ bundles }: { bundles: readonly BundleSummary[] }): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const failureText = useSyncFailureText();
  const { busy, failure, download } = useBundleDownload();
  const ordered = [...bundles].sort((a, b) => b.sequence - a.sequence);

  return (
    <section className="section sync-section" aria-labelledby="sync-history-title">
      <h2 id="sync-history-title">{t('sync.history.title')}</h2>
      {ordered.length === 0 ? (
        <p className="muted">{t('sync.history.none')}</p>
      ) : (
        <table className="table sync-table" aria-labelledby="sync-history-title">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('sync.history.sequence')}
              </th>
              <th scope="col">{t('sync.history.createdAt')}</th>
              <th scope="col" className="num">
                {t('sync.files.records')}
              </th>
              <th scope="col" className="num">
                {t('sync.files.size')}
              </th>
              <th scope="col">{t('sync.history.state')}</th>
              <th scope="col" className="num">
                {t('sync.history.accepted')}
              </th>
              <th scope="col" className="num">
                {t('sync.history.duplicate')}
              </th>
              <th scope="col" className="num">
                {t('sync.history.rejected')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('sync.files.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((b) => (
              <tr key={b.id}>
                <td className="num">
                  {b.sequence}
                  {b.parts > 1 ? (
                    <span className="muted">
                      {' '}
                      ({t('sync.files.partOf', { part: b.part, parts: b.parts })})
                    </span>
                  ) : null}
                </td>
                <td>
                  {formatInstantInVietnam(b.createdAt)}
                  <span className="muted"> · {b.createdBy}</span>
                </td>
                <td className="num">{formatCount(b.records, language)}</td>
                <td className="num">{formatSize(b.bytes, language)}</td>
                <td>
                  <span className={STATE_BADGE[b.state]}>{t(`sync.states.${b.state}`)}</span>
                </td>
                <td className="num">{b.receiptedAt ? b.counts.accepted : '—'}</td>
                <td className="num">{b.receiptedAt ? b.counts.duplicate : '—'}</td>
                <td className="num">
                  {b.receiptedAt ? (
                    <span className={b.counts.rejected > 0 ? 'sync-rejected-count' : undefined}>
                      {b.counts.rejected}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="sync-files__action">
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    disabled={busy}
                    aria-label={t('sync.history.downloadAgain', { sequence: b.sequence })}
                    onClick={() => void download([b.id])}
                  >
                    {t('sync.files.download')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failureText(failure)}
        </p>
      ) : null}
    </section>
  );
}
