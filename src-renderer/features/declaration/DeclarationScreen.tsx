import { useCallback, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, mayCall } from '../../../src-shared/ipc/contract';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { useSession } from '../../app/session';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { DeclarationCrumbs } from './DeclarationCrumbs';
import { DeclarationForm } from './DeclarationForm';
import { ResidentSummary } from './ResidentSummary';
import { useLoaded } from './use-loaded';
import './declaration.css';

/**
 * The health declaration of one resident (QĐ 831/QĐ-BYT parts 2–3). Opens on her draft if
 * one was left, else on the latest submitted version (saving makes the next version), else
 * on an empty form.
 */
export function DeclarationScreen({ residentId }: { residentId: string }): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const state = useLoaded(
    useCallback(
      () =>
        Promise.all([
          call('resident.get', { id: residentId }),
          call('declaration.current', { residentId }),
        ]),
      [residentId],
    ),
  );
  /** The form's base version, which moves when she continues past a conflict. */
  const [baseVersion, setBaseVersion] = useState<number | null>(null);

  if (state.kind === 'loading') return <LoadingPage text={t('declaration.loading')} />;
  if (state.kind === 'failed') {
    return (
      <FailedPage code={state.code}>
        <a href={routePath({ name: 'registry' })}>{t('declaration.backToRegistry')}</a>
      </FailedPage>
    );
  }

  const [{ record }, current] = state.value;
  const latest = current.latest;
  const mayWrite = mayCall(contract['declaration.submit'].access, session.user.role);

  return (
    <div className="page decl-page">
      <div className="page__head">
        <div>
          <DeclarationCrumbs residentId={residentId} fullName={record.resident.fullName} />
          <h1 id="decl-title">{t('declaration.title')}</h1>
        </div>
        <div className="decl-versions">
          {latest ? (
            <>
              <span>{t('declaration.version.current', { version: latest.version })}</span>
              <a
                href={routePath({
                  name: 'declarationVersion',
                  residentId,
                  version: latest.version,
                })}
              >
                {t('declaration.version.view')}
              </a>
            </>
          ) : (
            <span className="muted">{t('declaration.version.none')}</span>
          )}
          {mayWrite ? (
            <span className="badge badge--ok">
              {t('declaration.version.willCreate', {
                version: (baseVersion ?? current.draft?.baseVersion ?? latest?.version ?? 0) + 1,
              })}
            </span>
          ) : null}
        </div>
      </div>
      <ResidentSummary record={record} />
      {mayWrite ? (
        <DeclarationForm
          record={record}
          latest={latest}
          draft={current.draft}
          withdrawn={current.withdrawnPurposes}
          onBaseVersion={setBaseVersion}
        />
      ) : (
        <p className="banner banner--info">{t('declaration.readOnly')}</p>
      )}
    </div>
  );
}
