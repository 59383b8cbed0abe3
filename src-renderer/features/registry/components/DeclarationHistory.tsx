import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam } from '../../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../../src-shared/ipc/contract';
import type { AppError } from '../../../../src-shared/ipc/errors';
import { call } from '../../../api/client';
import { routePath } from '../../../app/routes';

type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; versions: ChannelOutput<'declaration.history'> };

/** Every submitted version of the health declaration, newest first, each a link to read it. */
export function DeclarationHistory({ residentId }: { residentId: string }): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void call('declaration.history', { residentId }).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', versions: [...result.value].sort((a, b) => b.version - a.version) }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [residentId]);

  return (
    <section className="card resident-view__history" aria-labelledby="declaration-history-title">
      <h2 id="declaration-history-title">{t('registry.history.title')}</h2>
      {state.status === 'loading' ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : state.status === 'error' ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${state.error.code}`)}
        </p>
      ) : state.versions.length === 0 ? (
        <p className="muted">{t('registry.history.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('registry.history.version')}</th>
              <th scope="col">{t('registry.history.submittedAt')}</th>
              <th scope="col">{t('registry.history.submittedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {state.versions.map((v) => (
              <tr key={v.declarationId}>
                <td>
                  <a
                    href={routePath({ name: 'declarationVersion', residentId, version: v.version })}
                  >
                    {t('registry.history.versionN', { version: v.version })}
                  </a>
                </td>
                <td className="mono">{formatInstantInVietnam(v.submitted.at)}</td>
                <td>{v.submitted.userName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
