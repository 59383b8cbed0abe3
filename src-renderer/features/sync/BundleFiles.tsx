import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatCount,
  formatSize,
  uiLanguage,
  useSyncFailureText,
  type BundleSummary,
} from './sync-display';
import { useBundleDownload } from './use-bundle-download';

/**
 * The files of a finished export, to save on the USB stick: "Tải tệp" each, or "Tải tất cả"
 * (focused first, the usual next step). Large exports are split into parts, each its own file.
 */
export function BundleFiles({ bundles }: { bundles: readonly BundleSummary[] }): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const failureText = useSyncFailureText();
  const { downloaded, busy, failure, download } = useBundleDownload();
  const allRef = useRef<HTMLButtonElement>(null);
  useEffect(() => allRef.current?.focus(), []);
  const ordered = [...bundles].sort((a, b) => a.sequence - b.sequence);

  return (
    <div className="sync-files">
      <table className="table" aria-label={t('sync.files.title')}>
        <thead>
          <tr>
            <th scope="col">{t('sync.files.file')}</th>
            <th scope="col">{t('sync.files.part')}</th>
            <th scope="col" className="num">
              {t('sync.files.records')}
            </th>
            <th scope="col" className="num">
              {t('sync.files.size')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('sync.files.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((bundle) => (
            <tr key={bundle.id}>
              <td className="mono">{bundle.fileName}</td>
              <td>{t('sync.files.partOf', { part: bundle.part, parts: bundle.parts })}</td>
              <td className="num">{formatCount(bundle.records, language)}</td>
              <td className="num">{formatSize(bundle.bytes, language)}</td>
              <td className="sync-files__action">
                {downloaded.has(bundle.id) ? (
                  <span className="badge badge--ok">{t('sync.files.saved')}</span>
                ) : null}{' '}
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  aria-label={t('sync.files.downloadOne', { file: bundle.fileName })}
                  onClick={() => void download([bundle.id])}
                >
                  {t('sync.files.download')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failureText(failure)}
        </p>
      ) : null}
      <div className="actions">
        <span className="muted">{t('sync.files.hint')}</span>
        <button
          ref={allRef}
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void download(ordered.map((b) => b.id))}
        >
          {t('sync.files.downloadAll', { count: ordered.length })}
        </button>
      </div>
    </div>
  );
}
