import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, mayCall, type ChannelOutput } from '../../../src-shared/ipc/contract';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { useSession } from '../../app/session';
import { DeclarationForm } from './DeclarationForm';
import { ResidentSummary } from './ResidentSummary';
import './declaration.css';

interface Loaded {
  record: ChannelOutput<'resident.get'>['record'];
  current: ChannelOutput<'declaration.current'>;
}

type LoadState =
  { kind: 'loading' } | { kind: 'failed'; code: ErrorCode } | ({ kind: 'ready' } & Loaded);

/**
 * The health declaration of one resident (QĐ 831/QĐ-BYT parts 2–3). Opens on her draft if
 * one was left, else on the latest submitted version (saving makes the next version), else
 * on an empty form.
 */
export function DeclarationScreen({ residentId }: { residentId: string }): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  /** The form's base version, which moves when she continues past a conflict. */
  const [baseVersion, setBaseVersion] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([
      call('resident.get', { id: residentId }),
      call('declaration.current', { residentId }),
    ]).then(([resident, current]) => {
      if (!live) return;
      if (!resident.ok) return setState({ kind: 'failed', code: resident.error.code });
      if (!current.ok) return setState({ kind: 'failed', code: current.error.code });
      setState({ kind: 'ready', record: resident.value.record, current: current.value });
    });
    return () => {
      live = false;
    };
  }, [residentId]);

  if (state.kind === 'loading') {
    return (
      <div className="page">
        <p className="muted" role="status">
          {t('declaration.loading')}
        </p>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="page">
        <p className="banner banner--error" role="alert">
          {t(`errors.${state.code}`)}
        </p>
        <a href={routePath({ name: 'registry' })}>{t('declaration.backToRegistry')}</a>
      </div>
    );
  }

  const { record, current } = state;
  const latest = current.latest;
  const mayWrite = mayCall(contract['declaration.submit'].access, session.user.role);

  return (
    <div className="page decl-page">
      <div className="page__head">
        <div>
          <p className="decl-crumbs">
            <a href={routePath({ name: 'registry' })}>{t('declaration.crumbs.registry')}</a>
            <span aria-hidden="true"> › </span>
            <a href={routePath({ name: 'resident', id: residentId })}>{record.resident.fullName}</a>
          </p>
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
          onBaseVersion={setBaseVersion}
        />
      ) : (
        <p className="banner banner--info">{t('declaration.readOnly')}</p>
      )}
    </div>
  );
}
