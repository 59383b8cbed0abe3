import { useEffect, useId, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import type { AuditIntegrity } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { AUDIT_ACTIONS, useActionLabel, useRecordTypeLabel } from './audit-actions';
import { compactDetails } from './audit-details';
import {
  EMPTY_FILTER,
  filterProblems,
  toQuery,
  type AuditFilterForm,
  type FilterProblems,
} from './audit-filters';
import { downloadText } from './download';
import './admin.css';

type AuditRow = ChannelOutput<'audit.query'>[number];

/** Rows per request; "Xem thêm" asks for the next page before the oldest row shown. */
export const AUDIT_PAGE = 100;

type PageState =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | {
      status: 'ready';
      /** The filter these rows answer: a later page is appended only to its own list. */
      filter: AuditFilterForm;
      rows: AuditRow[];
      hasMore: boolean;
      more: 'idle' | 'loading' | AppError;
    };

type ExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; rows: number; fileName: string }
  | { status: 'error'; error: AppError };

/** Users seen in the trail so far (id → name): a supervisor cannot list accounts. */
function withUsers(known: Record<string, string>, rows: AuditRow[]): Record<string, string> {
  let next = known;
  for (const row of rows) {
    if (row.userId && next[row.userId] === undefined) {
      if (next === known) next = { ...known };
      next[row.userId] = row.userName;
    }
  }
  return next;
}

/**
 * Record ids are UUIDv7: the first characters are the time of creation and alike for records
 * made the same day, so the short form is the end (the whole id is in the title).
 */
function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-8)}` : id;
}

const OUTCOME_BADGE: Record<AuditRow['outcome'], string> = {
  ok: 'badge badge--ok',
  denied: 'badge badge--warn',
  failed: 'badge badge--bad',
};

/** The audit trail for supervisors and administrators: filter, page back, verify, export. */
export function AuditScreen(): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const isAdministrator = session.user.role === 'administrator';
  const [draft, setDraft] = useState<AuditFilterForm>(EMPTY_FILTER);
  const [problems, setProblems] = useState<FilterProblems>({});
  const [applied, setApplied] = useState<AuditFilterForm>(EMPTY_FILTER);
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [seenUsers, setSeenUsers] = useState<Record<string, string>>({});
  const [accountUsers, setAccountUsers] = useState<Record<string, string>>({});
  const [integrity, setIntegrity] = useState<AuditIntegrity | null>(session.auditIntegrity);
  const [verifying, setVerifying] = useState<boolean>(false);
  const [verifyError, setVerifyError] = useState<AppError | null>(null);
  const [exported, setExported] = useState<ExportState>({ status: 'idle' });
  const endRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    void call('audit.query', { ...toQuery(applied), limit: AUDIT_PAGE }).then((result) => {
      if (!live) return;
      if (!result.ok) return setPage({ status: 'error', error: result.error });
      setSeenUsers((known) => withUsers(known, result.value));
      setPage({
        status: 'ready',
        filter: applied,
        rows: result.value,
        hasMore: result.value.length === AUDIT_PAGE,
        more: 'idle',
      });
    });
    return () => {
      live = false;
    };
  }, [applied]);

  // Administrators may list every account; supervisors choose among the users in the trail.
  useEffect(() => {
    if (!isAdministrator) return;
    let live = true;
    void call('account.list', {}).then((result) => {
      if (live && result.ok)
        setAccountUsers(Object.fromEntries(result.value.map((a) => [a.id, a.fullName])));
    });
    return () => {
      live = false;
    };
  }, [isAdministrator]);

  const users = useMemo(
    () =>
      Object.entries({ ...seenUsers, ...accountUsers }).sort(([, a], [, b]) =>
        a.localeCompare(b, 'vi'),
      ),
    [seenUsers, accountUsers],
  );

  const apply = (next: AuditFilterForm): void => {
    setPage({ status: 'loading' });
    setApplied(next);
  };

  const submitFilters = (): void => {
    const found = filterProblems(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    apply({ ...draft, recordId: draft.recordId.trim() });
  };

  const clearFilters = (): void => {
    setDraft(EMPTY_FILTER);
    setProblems({});
    apply(EMPTY_FILTER);
  };

  const filterByRecord = (recordId: string): void => {
    const next = { ...applied, recordId };
    setDraft(next);
    setProblems({});
    apply(next);
  };

  const loadMore = async (): Promise<void> => {
    if (page.status !== 'ready' || page.more === 'loading') return;
    const oldest = page.rows.at(-1);
    if (!oldest) return;
    const requested = page.filter;
    setPage({ ...page, more: 'loading' });
    const result = await call('audit.query', {
      ...toQuery(requested),
      beforeSeq: oldest.seq,
      limit: AUDIT_PAGE,
    });
    if (result.ok) setSeenUsers((known) => withUsers(known, result.value));
    setPage((current) => {
      if (current.status !== 'ready' || current.filter !== requested) return current;
      if (!result.ok) return { ...current, more: result.error };
      return {
        ...current,
        rows: [...current.rows, ...result.value],
        hasMore: result.value.length === AUDIT_PAGE,
        more: 'idle',
      };
    });
    // The button goes away with the last page: keep her place instead of losing the focus.
    window.setTimeout(() => {
      if (document.activeElement === document.body) endRef.current?.focus();
    }, 0);
  };

  const verify = async (): Promise<void> => {
    setVerifying(true);
    setVerifyError(null);
    const result = await call('audit.verify', {});
    setVerifying(false);
    if (result.ok) setIntegrity(result.value);
    else setVerifyError(result.error);
  };

  const exportCsv = async (): Promise<void> => {
    setExported({ status: 'running' });
    const result = await call('audit.export', toQuery(applied));
    if (!result.ok) return setExported({ status: 'error', error: result.error });
    downloadText(result.value.fileName, result.value.csv, 'text/csv;charset=utf-8');
    setExported({ status: 'done', rows: result.value.rows, fileName: result.value.fileName });
  };

  return (
    <div className="page admin audit">
      <div className="page__head">
        <div>
          <h1>{t('admin.audit.title')}</h1>
          <p className="muted admin-intro">{t('admin.audit.intro')}</p>
        </div>
        <div className="row">
          <button
            type="button"
            className="button"
            disabled={verifying}
            onClick={() => void verify()}
          >
            {verifying ? t('admin.audit.verify.running') : t('admin.audit.verify.button')}
          </button>
          <button
            type="button"
            className="button"
            disabled={exported.status === 'running'}
            title={t('admin.audit.export.hint')}
            onClick={() => void exportCsv()}
          >
            {exported.status === 'running'
              ? t('admin.audit.export.running')
              : t('admin.audit.export.button')}
          </button>
        </div>
      </div>

      <div role="status" aria-live="polite">
        {verifyError ? (
          <p className="banner banner--error">{t(`errors.${verifyError.code}`)}</p>
        ) : integrity ? (
          <IntegrityBanner integrity={integrity} />
        ) : null}
        {exported.status === 'done' ? (
          <p className="banner banner--success">
            {t('admin.audit.export.done', { count: exported.rows, fileName: exported.fileName })}
          </p>
        ) : exported.status === 'error' ? (
          <p className="banner banner--error">{t(`errors.${exported.error.code}`)}</p>
        ) : null}
      </div>

      <AuditFilters
        draft={draft}
        problems={problems}
        users={users}
        onChange={(next) => setDraft(next)}
        onSubmit={submitFilters}
        onClear={clearFilters}
      />

      {page.status === 'loading' ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : page.status === 'error' ? (
        <div className="banner banner--error row" role="alert">
          <span>{t(`errors.${page.error.code}`)}</span>
          <button
            type="button"
            className="button button--small"
            onClick={() => apply({ ...applied })}
          >
            {t('admin.retry')}
          </button>
        </div>
      ) : page.rows.length === 0 ? (
        <p className="card muted">{t('admin.audit.empty')}</p>
      ) : (
        <>
          <p className="muted audit-tools" role="status">
            {t('admin.audit.shown', { count: page.rows.length })}
          </p>
          <div className="audit-table-wrap">
            <AuditTable rows={page.rows} onFilterByRecord={filterByRecord} />
          </div>
          <div className="audit-more">
            {page.hasMore ? (
              <button
                type="button"
                className="button"
                disabled={page.more === 'loading'}
                onClick={() => void loadMore()}
              >
                {page.more === 'loading' ? t('admin.audit.loadingMore') : t('admin.audit.more')}
              </button>
            ) : (
              <p ref={endRef} className="muted" tabIndex={-1}>
                {t('admin.audit.end')}
              </p>
            )}
            {typeof page.more === 'object' ? (
              <span className="banner banner--error" role="alert">
                {t(`errors.${page.more.code}`)}
              </span>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

function IntegrityBanner({ integrity }: { integrity: AuditIntegrity }): ReactElement {
  const { t } = useTranslation();
  const at = formatInstantInVietnam(integrity.checkedAt);
  if (integrity.ok)
    return (
      <p className="banner banner--success">
        {t('admin.audit.verify.ok', { count: integrity.checked, at })}
      </p>
    );
  const problem = integrity.problem ?? 'edited';
  return (
    <p className="banner banner--error">
      {t(`admin.audit.verify.${problem}`, {
        seq: integrity.atSeq ?? '?',
        count: integrity.checked,
        at,
      })}{' '}
      {t('admin.audit.verify.report')}
    </p>
  );
}

function AuditFilters({
  draft,
  problems,
  users,
  onChange,
  onSubmit,
  onClear,
}: {
  draft: AuditFilterForm;
  problems: FilterProblems;
  users: [id: string, name: string][];
  onChange: (next: AuditFilterForm) => void;
  onSubmit: () => void;
  onClear: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  const userListed = draft.userId === '' || users.some(([id]) => id === draft.userId);
  // Field translates `validation.*` keys itself; this screen's own messages are translated here.
  const problemText = (key: string | undefined): string | undefined =>
    key === undefined || key.startsWith('validation.') ? key : t(key);
  const set = <K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]): void =>
    onChange({ ...draft, [key]: value });
  return (
    <form
      className="section audit-filters"
      aria-label={t('admin.audit.filters.legend')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <div className="audit-filters__grid">
        <Field label={t('admin.audit.filters.user')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              value={draft.userId}
              onChange={(event) => set('userId', event.target.value)}
            >
              <option value="">{t('admin.audit.filters.allUsers')}</option>
              {users.map(([userId, name]) => (
                <option key={userId} value={userId}>
                  {name}
                </option>
              ))}
              {userListed ? null : <option value={draft.userId}>{draft.userId}</option>}
            </select>
          )}
        </Field>
        <Field label={t('admin.audit.filters.action')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              value={draft.action}
              onChange={(event) => set('action', event.target.value)}
            >
              <option value="">{t('admin.audit.filters.allActions')}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(action)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('admin.audit.filters.recordId')}
          hint={t('admin.audit.filters.recordIdHint')}
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input input--code"
              aria-describedby={describedBy}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              value={draft.recordId}
              onChange={(event) => set('recordId', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('admin.audit.filters.from')} error={problemText(problems.from)}>
          {({ id, describedBy, invalid }) => (
            <DateInput
              id={id}
              value={draft.from}
              onChange={(value) => set('from', value)}
              describedBy={describedBy}
              invalid={invalid}
            />
          )}
        </Field>
        <Field label={t('admin.audit.filters.to')} error={problemText(problems.to)}>
          {({ id, describedBy, invalid }) => (
            <DateInput
              id={id}
              value={draft.to}
              onChange={(value) => set('to', value)}
              describedBy={describedBy}
              invalid={invalid}
            />
          )}
        </Field>
        <div className="audit-filters__buttons">
          <button type="submit" className="button button--primary">
            {t('admin.audit.filters.apply')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClear}>
            {t('admin.audit.filters.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}

function AuditTable({
  rows,
  onFilterByRecord,
}: {
  rows: AuditRow[];
  onFilterByRecord: (recordId: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  const recordTypeLabel = useRecordTypeLabel();
  const captionId = useId();
  return (
    <table className="table audit-table" aria-labelledby={captionId}>
      <caption id={captionId} className="visually-hidden">
        {t('admin.audit.title')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.audit.columns.seq')}</th>
          <th scope="col">{t('admin.audit.columns.at')}</th>
          <th scope="col">{t('admin.audit.columns.user')}</th>
          <th scope="col">{t('admin.audit.columns.action')}</th>
          <th scope="col">{t('admin.audit.columns.record')}</th>
          <th scope="col">{t('admin.audit.columns.outcome')}</th>
          <th scope="col">{t('admin.audit.columns.details')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const details = compactDetails(row.details);
          return (
            <tr key={row.seq}>
              <td className="mono muted">{row.seq}</td>
              <td className="mono" title={row.at}>
                {formatInstantInVietnam(row.at)}
              </td>
              <td>{row.userName || t('admin.audit.noUser')}</td>
              <td>{actionLabel(row.action)}</td>
              <td>
                {row.recordType || row.recordId ? (
                  <span className="audit-record">
                    {row.recordType ? recordTypeLabel(row.recordType) : null}
                    {row.recordId ? (
                      <button
                        type="button"
                        className="button button--ghost button--small mono audit-record__id"
                        title={row.recordId}
                        aria-label={t('admin.audit.filters.byRecord', { id: row.recordId })}
                        onClick={() => onFilterByRecord(row.recordId ?? '')}
                      >
                        {shortId(row.recordId)}
                      </button>
                    ) : null}
                  </span>
                ) : null}
              </td>
              <td>
                <span className={OUTCOME_BADGE[row.outcome]}>
                  {t(`admin.audit.outcome.${row.outcome}`)}
                </span>
              </td>
              <td className="audit-details" title={details.full}>
                {details.short}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
