import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatInstantInVietnam,
  formatIsoDate,
  isoDateInVietnam,
} from '../../../src-shared/domain/dates';
import type { AppError } from '../../../src-shared/ipc/errors';
import type { Account } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { accountStatuses, type AccountStatus } from './account-status';
import { CreateAccountForm } from './CreateAccountForm';
import { EditAccountDialog } from './EditAccountDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import './admin.css';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  /** `loadedAt`: the moment lockouts are judged against. */
  | { status: 'ready'; accounts: Account[]; loadedAt: number };

type OpenDialog = { kind: 'edit' | 'reset'; account: Account };

const BADGE: Record<AccountStatus['kind'], string> = {
  active: 'badge badge--ok',
  disabled: 'badge',
  lockedUntil: 'badge badge--warn',
  mustChangePassword: 'badge badge--warn',
};

function StatusBadges({ account, now }: { account: Account; now: number }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="admin-badges">
      {accountStatuses(account, now).map((status) => (
        <span key={status.kind} className={BADGE[status.kind]}>
          {status.kind === 'lockedUntil'
            ? t('admin.accounts.status.lockedUntil', { time: status.time })
            : t(`admin.accounts.status.${status.kind}`)}
        </span>
      ))}
    </span>
  );
}

/** The station's accounts (administrators only): create, edit, disable, reset a password. */
export function AccountsScreen(): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [loads, setLoads] = useState(0);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('account.list', {}).then((result) => {
      if (!live) return;
      setList(
        result.ok
          ? { status: 'ready', accounts: result.value, loadedAt: Date.now() }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [loads]);
  // The list on screen stays until the new one is there: no flicker after each change.
  const reload = (): void => setLoads((n) => n + 1);

  const retry = (): void => {
    setList({ status: 'loading' });
    reload();
  };

  const closeDialog = (): void => setDialog(null);

  return (
    <div className="page admin">
      <div className="page__head">
        <div>
          <h1>{t('admin.accounts.title')}</h1>
          <p className="muted admin-intro">{t('admin.accounts.intro')}</p>
        </div>
      </div>

      <CreateAccountForm
        onCreated={(account) => {
          setNotice(
            t('admin.accounts.create.done', { username: account.username, name: account.fullName }),
          );
          reload();
        }}
      />

      <div role="status" aria-live="polite">
        {notice ? <p className="banner banner--success">{notice}</p> : null}
      </div>

      <section className="card" aria-labelledby="accounts-list-title">
        <div className="admin-section-head">
          <h2 id="accounts-list-title">{t('admin.accounts.listTitle')}</h2>
          {list.status === 'ready' ? (
            <span className="muted">
              {t('admin.accounts.count', { count: list.accounts.length })}
            </span>
          ) : null}
        </div>
        {list.status === 'loading' ? (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        ) : list.status === 'error' ? (
          <div className="banner banner--error row" role="alert">
            <span>{t(`errors.${list.error.code}`)}</span>
            <button type="button" className="button button--small" onClick={retry}>
              {t('admin.retry')}
            </button>
          </div>
        ) : list.accounts.length === 0 ? (
          <p className="muted">{t('admin.accounts.empty')}</p>
        ) : (
          <table className="table admin-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.accounts.columns.fullName')}</th>
                <th scope="col">{t('admin.accounts.columns.username')}</th>
                <th scope="col">{t('admin.accounts.columns.role')}</th>
                <th scope="col">{t('admin.accounts.columns.status')}</th>
                <th scope="col">{t('admin.accounts.columns.lastSignIn')}</th>
                <th scope="col">{t('admin.accounts.columns.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.accounts.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.accounts.map((account) => (
                <tr key={account.id}>
                  <td>
                    {account.fullName}
                    {account.id === session.user.id ? (
                      <span className="muted"> ({t('admin.accounts.you')})</span>
                    ) : null}
                  </td>
                  <td className="mono">{account.username}</td>
                  <td>{t(`common.roles.${account.role}`)}</td>
                  <td>
                    <StatusBadges account={account} now={list.loadedAt} />
                  </td>
                  <td className="mono">
                    {account.lastSignInAt ? (
                      formatInstantInVietnam(account.lastSignInAt)
                    ) : (
                      <span className="muted">{t('admin.accounts.never')}</span>
                    )}
                  </td>
                  <td className="mono">
                    {formatIsoDate(isoDateInVietnam(new Date(account.createdAt)))}
                  </td>
                  <td>
                    <div className="admin-table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setDialog({ kind: 'edit', account })}
                      >
                        {t('admin.accounts.edit.button')}
                        <span className="visually-hidden"> {account.username}</span>
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setDialog({ kind: 'reset', account })}
                      >
                        {t('admin.accounts.reset.button')}
                        <span className="visually-hidden"> {account.username}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {dialog?.kind === 'edit' ? (
        <EditAccountDialog
          account={dialog.account}
          isSelf={dialog.account.id === session.user.id}
          onClose={closeDialog}
          onSaved={(account) => {
            setDialog(null);
            setNotice(t('admin.accounts.edit.done', { username: account.username }));
            reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordDialog
          account={dialog.account}
          onClose={closeDialog}
          onDone={(account) => {
            setDialog(null);
            setNotice(t('admin.accounts.reset.done', { username: account.username }));
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
