import { useCallback, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam } from '../../../src-shared/domain/dates';
import { contract, mayCall } from '../../../src-shared/ipc/contract';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { useSession } from '../../app/session';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { DeclarationCrumbs } from './DeclarationCrumbs';
import { DeclarationView } from './DeclarationView';
import { ResidentSummary } from './ResidentSummary';
import { useLoaded } from './use-loaded';
import './declaration.css';

/** One submitted version of a declaration, as it was saved: who, when, and what was consented to. */
export function DeclarationVersionScreen({
  residentId,
  version,
}: {
  residentId: string;
  version: number;
}): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const state = useLoaded(
    useCallback(
      () =>
        Promise.all([
          call('resident.get', { id: residentId }),
          call('declaration.getVersion', { residentId, version }),
          call('declaration.history', { residentId }),
        ]),
      [residentId, version],
    ),
  );

  const back = (
    <a className="button" href={routePath({ name: 'resident', id: residentId })}>
      {t('declaration.view.backToResident')}
    </a>
  );

  if (state.kind === 'loading') return <LoadingPage text={t('declaration.loading')} />;
  if (state.kind === 'failed') return <FailedPage code={state.code}>{back}</FailedPage>;

  const [{ record }, shown, history] = state.value;
  const newest = history.reduce((n, v) => Math.max(n, v.version), 0);
  const ordered = [...history].sort((a, b) => b.version - a.version);
  const mayWrite = mayCall(contract['declaration.submit'].access, session.user.role);
  const link = (v: number): string =>
    routePath({ name: 'declarationVersion', residentId, version: v });
  const older = ordered.find((v) => v.version < shown.version);
  const newer = [...ordered].reverse().find((v) => v.version > shown.version);

  return (
    <div className="page decl-page">
      <div className="page__head">
        <div>
          <DeclarationCrumbs residentId={residentId} fullName={record.resident.fullName} />
          <h1>{t('declaration.view.title', { version: shown.version })}</h1>
          <p className="muted">
            {t('declaration.view.submitted', {
              time: formatInstantInVietnam(shown.submitted.at),
              name: shown.submitted.userName,
            })}{' '}
            {shown.version === newest ? (
              <span className="badge badge--ok">{t('declaration.view.newest')}</span>
            ) : (
              <span className="badge badge--warn">
                {t('declaration.view.superseded', { version: newest })}
              </span>
            )}
          </p>
        </div>
        <div className="actions">
          {back}
          {mayWrite ? (
            <a
              className="button button--primary"
              href={routePath({ name: 'declaration', residentId })}
            >
              {t('declaration.view.edit', { version: newest + 1 })}
            </a>
          ) : null}
        </div>
      </div>

      <nav className="decl-history" aria-label={t('declaration.view.versions')}>
        <span className="decl-history__label">{t('declaration.view.versions')}</span>
        {older ? (
          <a className="button button--small" href={link(older.version)}>
            {t('declaration.view.older')}
          </a>
        ) : null}
        <ol className="decl-history__list">
          {ordered.map((v) => (
            <li key={v.version}>
              {v.version === shown.version ? (
                <span
                  className="decl-history__item decl-history__item--current"
                  aria-current="page"
                >
                  {t('declaration.view.versionItem', {
                    version: v.version,
                    time: formatInstantInVietnam(v.submitted.at),
                  })}
                </span>
              ) : (
                <a className="decl-history__item" href={link(v.version)}>
                  {t('declaration.view.versionItem', {
                    version: v.version,
                    time: formatInstantInVietnam(v.submitted.at),
                  })}
                </a>
              )}
            </li>
          ))}
        </ol>
        {newer ? (
          <a className="button button--small" href={link(newer.version)}>
            {t('declaration.view.newer')}
          </a>
        ) : null}
      </nav>

      <ResidentSummary record={record} />
      <DeclarationView version={shown} female={record.resident.sex === '2'} />
    </div>
  );
}
