import { useCallback, useEffect, useRef, useState, type ReactElement, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam, formatIsoDate } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import { CONSENT_PURPOSES } from '../../../src-shared/reference/declaration-codes';
import type {
  ConsentPurpose,
  SubjectOverview,
  SubjectRequest,
} from '../../../src-shared/schemas/subject-rights';
import { call } from '../../api/client';
import { navigate, routePath } from '../../app/routes';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { downloadBase64 } from '../admin/download';
import { useWindowKeydown } from '../registry/hooks/use-window-keydown';
import { useBirthText } from '../registry/resident-display';
import { RequestForm } from './RequestForm';
import { WithdrawDialog } from './WithdrawDialog';
import './subject-rights.css';

type Loaded = { resident: ChannelOutput<'resident.get'>; overview: SubjectOverview };

type LoadState =
  { status: 'loading' } | { status: 'error'; error: AppError } | ({ status: 'ready' } & Loaded);

type Notice = { kind: 'success'; text: string } | { kind: 'error'; code: AppError['code'] };

/**
 * A resident's data-subject rights (Law 91/2025, Decree 356/2025): her whole record to take
 * away (PDF to read, JSON for machines), her requests logged with the day they were received,
 * and her consents, each of which she may withdraw.
 */
export function SubjectRightsScreen({ residentId }: { residentId: string }): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [loads, setLoads] = useState(0);
  const [withdrawing, setWithdrawing] = useState<ConsentPurpose | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const pdfButton = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([
      call('resident.get', { id: residentId }),
      call('subject.requests', { residentId }),
    ]).then(([resident, overview]) => {
      if (!live) return;
      if (!resident.ok) return setState({ status: 'error', error: resident.error });
      if (!overview.ok) return setState({ status: 'error', error: overview.error });
      setState({ status: 'ready', resident: resident.value, overview: overview.value });
    });
    return () => {
      live = false;
    };
  }, [residentId, loads]);

  // Reloads after a change keep the screen ready, so the cursor stays where she was.
  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready) pdfButton.current?.focus();
  }, [ready]);

  const reload = useCallback(() => setLoads((n) => n + 1), []);

  useWindowKeydown((event) => {
    // A dialog closes itself on Esc; the screen stays.
    if (event.defaultPrevented || withdrawing !== null) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      navigate({ name: 'resident', id: residentId });
    }
  });

  const announce = (next: Notice): void => {
    setNotice(next);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  };

  if (state.status === 'loading') return <LoadingPage text={t('common.loading')} />;
  if (state.status === 'error') {
    return (
      <FailedPage code={state.error.code}>
        <div className="actions registry-actions--start">
          <button
            type="button"
            className="button"
            onClick={() => {
              setState({ status: 'loading' });
              reload();
            }}
          >
            {t('subject.retry')}
          </button>
          <a className="button" href={routePath({ name: 'resident', id: residentId })}>
            {t('subject.back')}
          </a>
        </div>
      </FailedPage>
    );
  }

  const { record } = state.resident;
  const { overview } = state;
  return (
    <div className="page subject-rights">
      <div className="page__head">
        <div>
          <h1>{t('subject.title')}</h1>
          <Subtitle record={record} />
        </div>
        <div className="row">
          <button
            type="button"
            className="button button--ghost"
            onClick={() => navigate({ name: 'resident', id: residentId })}
          >
            {t('subject.back')}
          </button>
          <kbd>Esc</kbd>
        </div>
      </div>
      <p className="muted subject-rights__intro">{t('subject.intro')}</p>

      <div ref={noticeRef} tabIndex={-1} role="status" aria-live="polite">
        {notice?.kind === 'success' ? (
          <p className="banner banner--success">{notice.text}</p>
        ) : notice?.kind === 'error' ? (
          <p className="banner banner--error">{t(`errors.${notice.code}`)}</p>
        ) : null}
      </div>

      <div className="subject-rights__layout">
        <div className="subject-rights__column">
          <ExportCard
            residentId={residentId}
            pdfButton={pdfButton}
            onDone={(fileName) =>
              announce({ kind: 'success', text: t('subject.export.done', { fileName }) })
            }
            onFailed={(code) => announce({ kind: 'error', code })}
          />
          <ConsentCard overview={overview} onWithdraw={setWithdrawing} />
        </div>
        <div className="subject-rights__column">
          <RequestForm
            residentId={residentId}
            onRecorded={(request) => {
              announce({
                kind: 'success',
                text: t('subject.request.done', { kind: t(`subject.kind.${request.kind}`) }),
              });
              reload();
            }}
          />
        </div>
      </div>

      <RequestLog residentId={residentId} requests={overview.requests} />

      {withdrawing ? (
        <WithdrawDialog
          residentId={residentId}
          purpose={withdrawing}
          onClose={() => setWithdrawing(null)}
          onWithdrawn={(request) => {
            setWithdrawing(null);
            announce({
              kind: 'success',
              text: t('subject.withdraw.done', {
                purpose: t(`subject.purpose.${request.purpose ?? withdrawing}`),
              }),
            });
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Subtitle({ record }: { record: ChannelOutput<'resident.get'>['record'] }): ReactElement {
  const { t } = useTranslation();
  const birthText = useBirthText();
  const r = record.resident;
  return (
    <p className="muted registry-subtitle">
      <strong>{r.fullName}</strong> · {t(`common.sex.${r.sex}`)} ·{' '}
      <span className="mono">{birthText(r.birthDate)}</span>
      {r.personalId ? (
        <>
          {' '}
          · <span className="mono">{r.personalId}</span>
        </>
      ) : null}
    </p>
  );
}

function ExportCard({
  residentId,
  pdfButton,
  onDone,
  onFailed,
}: {
  residentId: string;
  pdfButton: RefObject<HTMLButtonElement | null>;
  onDone: (fileName: string) => void;
  onFailed: (code: AppError['code']) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [running, setRunning] = useState<'pdf' | 'json' | null>(null);

  const download = async (format: 'pdf' | 'json'): Promise<void> => {
    setRunning(format);
    const result = await call('subject.exportRecord', { residentId, format });
    setRunning(null);
    if (!result.ok) return onFailed(result.error.code);
    downloadBase64(result.value.fileName, result.value.base64, result.value.mimeType);
    onDone(result.value.fileName);
  };

  return (
    <section className="card" aria-labelledby="subject-export-title">
      <h2 id="subject-export-title">{t('subject.export.title')}</h2>
      <p className="muted">{t('subject.export.intro')}</p>
      <div className="row subject-rights__buttons">
        <button
          ref={pdfButton}
          type="button"
          className="button button--primary"
          disabled={running !== null}
          onClick={() => void download('pdf')}
        >
          {running === 'pdf' ? t('subject.export.running') : t('subject.export.pdf')}
        </button>
        <button
          type="button"
          className="button"
          disabled={running !== null}
          onClick={() => void download('json')}
        >
          {running === 'json' ? t('subject.export.running') : t('subject.export.json')}
        </button>
      </div>
      <p className="field__hint">{t('subject.export.hint')}</p>
    </section>
  );
}

function ConsentCard({
  overview,
  onWithdraw,
}: {
  overview: SubjectOverview;
  onWithdraw: (purpose: ConsentPurpose) => void;
}): ReactElement {
  const { t } = useTranslation();
  const { latest, withdrawnPurposes } = overview.consent;
  return (
    <section className="card" aria-labelledby="subject-consent-title">
      <h2 id="subject-consent-title">{t('subject.consent.title')}</h2>
      {latest === null ? <p className="muted">{t('subject.consent.noDeclaration')}</p> : null}
      <table className="table subject-rights__consent">
        <thead>
          <tr>
            <th scope="col">{t('subject.consent.purposeColumn')}</th>
            <th scope="col">{t('subject.consent.stateColumn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('subject.consent.actionColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {CONSENT_PURPOSES.map((purpose) => {
            const withdrawn = withdrawnPurposes.includes(purpose);
            const granted = latest?.[purpose] === true;
            return (
              <tr key={purpose}>
                <th scope="row">{t(`subject.purpose.${purpose}`)}</th>
                <td>
                  {withdrawn ? (
                    <span className="badge badge--warn">{t('subject.consent.withdrawn')}</span>
                  ) : granted && latest ? (
                    <span>
                      <span className="badge badge--ok">{t('subject.consent.granted')}</span>{' '}
                      <span className="muted">
                        {t('subject.consent.grantedIn', {
                          version: latest.version,
                          at: formatInstantInVietnam(latest.at),
                        })}
                      </span>
                    </span>
                  ) : (
                    <span className="muted">{t('subject.consent.notGranted')}</span>
                  )}
                </td>
                <td>
                  {granted && !withdrawn ? (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => onWithdraw(purpose)}
                      aria-label={t('subject.consent.withdrawPurpose', {
                        purpose: t(`subject.purpose.${purpose}`),
                      })}
                    >
                      {t('subject.consent.withdraw')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {withdrawnPurposes.length > 0 ? (
        <p className="field__hint">{t('subject.consent.renewHint')}</p>
      ) : null}
    </section>
  );
}

function requestStatus(
  request: SubjectRequest,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  if (request.kind !== 'withdrawal') return '';
  if (!request.renewed) return t('subject.log.inForce');
  return t('subject.log.renewed', {
    at: formatInstantInVietnam(request.renewed.at),
    version: request.renewed.declarationVersion,
    name: request.renewed.userName,
  });
}

function RequestLog({
  residentId,
  requests,
}: {
  residentId: string;
  requests: readonly SubjectRequest[];
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="card subject-rights__log" aria-labelledby="subject-log-title">
      <h2 id="subject-log-title">{t('subject.log.title')}</h2>
      {requests.length === 0 ? (
        <p className="muted">{t('subject.log.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('subject.log.receivedAt')}</th>
              <th scope="col">{t('subject.log.kind')}</th>
              <th scope="col">{t('subject.log.requestedBy')}</th>
              <th scope="col">{t('subject.log.note')}</th>
              <th scope="col">{t('subject.log.recorded')}</th>
              <th scope="col">{t('subject.log.status')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td className="mono">{formatIsoDate(r.receivedAt)}</td>
                <td>
                  {t(`subject.kind.${r.kind}`)}
                  {r.purpose ? (
                    <div className="muted">{t(`subject.purpose.${r.purpose}`)}</div>
                  ) : null}
                </td>
                <td>
                  {t(`subject.requestedBy.${r.requestedBy}`)}
                  {r.representativeName ? (
                    <div className="muted">{r.representativeName}</div>
                  ) : null}
                </td>
                <td className="subject-rights__note">
                  {r.note}
                  {r.kind === 'correction' ? (
                    <div className="subject-rights__fix">
                      <a href={routePath({ name: 'residentEdit', id: residentId })}>
                        {t('subject.request.fixResident')}
                      </a>{' '}
                      ·{' '}
                      <a href={routePath({ name: 'declaration', residentId })}>
                        {t('subject.request.fixDeclaration')}
                      </a>
                    </div>
                  ) : null}
                </td>
                <td>
                  <span className="mono">{formatInstantInVietnam(r.recorded.at)}</span>
                  <div className="muted">{r.recorded.userName}</div>
                </td>
                <td>{requestStatus(r, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
