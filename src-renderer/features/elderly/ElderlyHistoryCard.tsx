import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_REASON_LABELS } from '../../../src-shared/clinical/referral';
import { formatIsoDate } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { useLocalised } from './localised';
import './elderly.css';

type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; screenings: ChannelOutput<'elderly.list'> };

/** Her elderly screenings on her page, newest first: date, findings, referral; each opens. */
export function ElderlyHistoryCard({ residentId }: { residentId: string }): ReactElement {
  const { t } = useTranslation();
  const local = useLocalised();
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void call('elderly.list', { residentId }).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', screenings: result.value }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [residentId]);

  return (
    <section className="card" aria-labelledby="elderly-history-title">
      <h2 id="elderly-history-title">{t('elderly.history.title')}</h2>
      {state.status === 'loading' ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : state.status === 'error' ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${state.error.code}`)}
        </p>
      ) : state.screenings.length === 0 ? (
        <p className="muted">{t('elderly.history.empty')}</p>
      ) : (
        <table className="table" data-testid="elderly-history">
          <thead>
            <tr>
              <th scope="col">{t('elderly.history.screenedOn')}</th>
              <th scope="col">{t('elderly.history.findings')}</th>
            </tr>
          </thead>
          <tbody>
            {state.screenings.map((s) => (
              <tr key={s.id}>
                <td className="mono">
                  <a href={routePath({ name: 'elderlyScreening', residentId, screeningId: s.id })}>
                    {formatIsoDate(s.screenedOn)}
                  </a>
                  {s.version > 1 ? (
                    <span className="muted">
                      {' '}
                      · {t('elderly.history.version', { version: s.version })}
                    </span>
                  ) : null}
                </td>
                <td>
                  {s.positiveFindings.length === 0 ? (
                    <span className="badge badge--ok">{t('elderly.history.nothingFound')}</span>
                  ) : (
                    s.positiveFindings.map((f) => local(REFERRAL_REASON_LABELS[f])).join('; ')
                  )}
                  {s.referred ? (
                    <>
                      {' '}
                      <span className="badge badge--warn">{t('elderly.history.referred')}</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
