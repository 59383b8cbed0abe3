import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../src-shared/domain/dates';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import type { DuplicateGroup } from '../../../src-shared/schemas/duplicates';
import { call } from '../../api/client';
import { announceDataChanged } from '../../app/events';
import { navigate, routePath } from '../../app/routes';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { communeName } from '../registry/resident-display';
import { MergeDialog } from './MergeDialog';
import './duplicates.css';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; code: ErrorCode }
  | { status: 'ready'; groups: DuplicateGroup[]; more: boolean };

function GroupCard({
  group,
  onMerge,
  onDismiss,
  busy,
}: {
  group: DuplicateGroup;
  onMerge: () => void;
  onDismiss: () => void;
  busy: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const first = group.members[0];
  return (
    <section className="card duplicate-group" aria-label={first?.fullName}>
      <header className="duplicate-group__head">
        <h2>
          {first?.fullName} <span className="muted">· {formatIsoDate(group.birthDate)}</span>
        </h2>
        <ul className="duplicate-group__evidence" aria-label={t('duplicates.evidenceLabel')}>
          {group.evidence.length === 0 ? (
            <li className="badge">{t('duplicates.evidence.nameOnly')}</li>
          ) : (
            group.evidence.map((e) => (
              <li key={e} className="badge badge--warn">
                {t(`duplicates.evidence.${e}`)}
              </li>
            ))
          )}
        </ul>
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            onClick={onMerge}
            disabled={busy}
          >
            {t('duplicates.mergeButton')}
          </button>
          <button type="button" className="button" onClick={onDismiss} disabled={busy}>
            {t('duplicates.dismissButton')}
          </button>
        </div>
      </header>
      <table className="table duplicate-group__table">
        <thead>
          <tr>
            <th scope="col">{t('registry.columns.name')}</th>
            <th scope="col">{t('registry.fields.personalId')}</th>
            <th scope="col">{t('registry.fields.bhyt')}</th>
            <th scope="col">{t('registry.columns.phone')}</th>
            <th scope="col">{t('registry.columns.address')}</th>
            <th scope="col">{t('duplicates.columns.declaration')}</th>
            <th scope="col">{t('duplicates.columns.created')}</th>
          </tr>
        </thead>
        <tbody>
          {group.members.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={routePath({ name: 'resident', id: m.id })}>{m.fullName}</a>
              </td>
              <td className="mono">{m.personalId || m.temporaryId || '—'}</td>
              <td className="mono">{m.bhyt || '—'}</td>
              <td className="mono">{m.phone || '—'}</td>
              <td>{[m.street, communeName(m.communeCode)].filter(Boolean).join(', ')}</td>
              <td>
                {m.declarationVersion > 0
                  ? t('duplicates.declarationVersion', { version: m.declarationVersion })
                  : '—'}
              </td>
              <td>
                {formatIsoDate(m.createdAt.slice(0, 10))} · {m.createdBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The supervisor's review of possible duplicate residents (same name and date of birth):
 * merge two records of one person, or record that they are different people.
 */
export function DuplicatesScreen(): ReactElement {
  const { t } = useTranslation();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorCode | null>(null);

  const load = useCallback(() => {
    void call('duplicate.list', {}).then((result) => {
      setList(
        result.ok
          ? { status: 'ready', ...result.value }
          : { status: 'error', code: result.error.code },
      );
    });
  }, []);
  useEffect(load, [load]);

  const dismiss = async (group: DuplicateGroup): Promise<void> => {
    setBusy(true);
    setFailure(null);
    const result = await call('duplicate.dismiss', { memberIds: group.members.map((m) => m.id) });
    setBusy(false);
    if (!result.ok) return setFailure(result.error.code);
    setNotice(t('duplicates.dismissed', { name: group.members[0]?.fullName }));
    load();
  };

  if (list.status === 'loading') return <LoadingPage text={t('duplicates.loading')} />;
  if (list.status === 'error')
    return (
      <FailedPage code={list.code}>
        <button type="button" className="button" onClick={load}>
          {t('registry.actions.retry')}
        </button>
      </FailedPage>
    );

  return (
    <div className="page duplicates">
      <div className="page__head">
        <div>
          <h1>{t('duplicates.title')}</h1>
          <p className="muted">
            {list.groups.length === 0
              ? t('duplicates.none')
              : t(list.more ? 'duplicates.countMore' : 'duplicates.count', {
                  count: list.groups.length,
                })}
          </p>
        </div>
      </div>
      <p className="muted">{t('duplicates.intro')}</p>
      {notice ? (
        <p className="banner banner--success" role="status">
          {notice}
        </p>
      ) : null}
      {failure ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${failure}`)}
        </p>
      ) : null}
      {list.groups.map((group) => (
        <GroupCard
          key={group.members.map((m) => m.id).join()}
          group={group}
          busy={busy}
          onMerge={() => setMerging(group)}
          onDismiss={() => void dismiss(group)}
        />
      ))}
      {merging ? (
        <MergeDialog
          group={merging}
          onClose={() => setMerging(null)}
          onMerged={(survivor) => {
            setMerging(null);
            announceDataChanged();
            setNotice(t('duplicates.merged', { name: survivor.resident.fullName }));
            load();
          }}
        />
      ) : null}
      <p>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => navigate({ name: 'registry' })}
        >
          {t('registry.actions.backToRegistry')}
        </button>
      </p>
    </div>
  );
}
