import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../src-shared/domain/dates';
import { routePath } from '../../app/routes';
import { rejectionReasonText, uiLanguage, type RejectedRecord } from './sync-display';

/**
 * "Hồ sơ bị từ chối": records the city refused, with the reason it gave (explained in words
 * when it is one of the reference receiver's codes) and the resident to correct.
 */
export function RejectedRecords({ records }: { records: readonly RejectedRecord[] }): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  return (
    <section className="section sync-section" aria-labelledby="sync-rejected-title">
      <h2 id="sync-rejected-title">{t('sync.rejected.title')}</h2>
      {records.length === 0 ? (
        <p className="muted">{t('sync.rejected.none')}</p>
      ) : (
        <>
          <p className="muted">{t('sync.rejected.intro')}</p>
          <table className="table sync-table" aria-labelledby="sync-rejected-title">
            <thead>
              <tr>
                <th scope="col">{t('sync.rejected.resident')}</th>
                <th scope="col">{t('sync.rejected.kind')}</th>
                <th scope="col">{t('sync.rejected.reason')}</th>
                <th scope="col" className="num">
                  {t('sync.history.sequence')}
                </th>
                <th scope="col">{t('sync.rejected.record')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => {
                const explained = rejectionReasonText(r.reason, language);
                return (
                  <tr key={`${r.bundleId}-${r.resourceType}-${r.resourceId}-${r.versionId}`}>
                    <td>
                      {r.resident ? (
                        <>
                          <a href={routePath({ name: 'resident', id: r.resident.id })}>
                            {r.resident.fullName}
                          </a>
                          <span className="muted"> · {formatIsoDate(r.resident.birthDate)}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{t(`sync.kinds.${r.kind}`, { defaultValue: r.kind })}</td>
                    <td>
                      <span className="mono">{r.reason}</span>
                      {explained ? <span> — {explained}</span> : null}
                    </td>
                    <td className="num">{r.sequence}</td>
                    <td className="mono sync-resource">
                      {r.resourceType}/{r.resourceId} · v{r.versionId}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
