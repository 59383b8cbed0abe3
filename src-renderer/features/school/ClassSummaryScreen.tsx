import { Fragment, useCallback, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../src-shared/domain/dates';
import type {
  ClassSummaryOutput,
  ReferralRow,
} from '../../../src-shared/ipc/contract-school-reports';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { SCREENING_ROUNDS, type ScreeningRound } from '../../../src-shared/schemas/school';
import { PUPIL_REFERRAL_REASON_LABELS } from '../../../src-shared/school/pupil-assessment';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { downloadBase64 } from '../admin/download';
import { useLoaded } from '../declaration/use-loaded';
import { useReportFormat } from './report-format';
import './report-summary.css';

type Export =
  | { status: 'idle' }
  | { status: 'busy'; key: string }
  | { status: 'done'; letters: number }
  | { status: 'failed'; code: ErrorCode };

function SummaryTable({ summary }: { summary: ClassSummaryOutput }): ReactElement {
  const { t } = useTranslation();
  const f = useReportFormat();
  return (
    <table className="table report-summary">
      <caption className="visually-hidden">{t('schoolReports.summary.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('schoolReports.summary.category')}</th>
          <th scope="col" className="report-num">
            {t('schoolReports.summary.count')}
          </th>
          <th scope="col" className="report-num">
            {t('schoolReports.summary.percent')}
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.groups.map((group, index) => (
          <Fragment key={group.group}>
            <tr className="report-summary__group">
              <th scope="rowgroup" colSpan={3}>
                {t(`schoolReports.groups.${group.group}`)}{' '}
                <span className="muted">
                  {t('schoolReports.summary.denominator', { count: group.denominator })}
                </span>{' '}
                <sup className="muted">[{index + 1}]</sup>
              </th>
            </tr>
            {group.rows.map((row) => (
              <tr key={row.code} className={row.count > 0 ? undefined : 'report-summary__zero'}>
                <th scope="row">{f.text(row.label)}</th>
                <td className="report-num">{row.count}</td>
                <td className="report-num">{f.percent(row.percent)}</td>
              </tr>
            ))}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function Sources({ summary }: { summary: ClassSummaryOutput }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="report-sources" aria-labelledby="report-sources-title">
      <h2 id="report-sources-title">{t('schoolReports.sources.title')}</h2>
      <ol>
        {summary.groups.map((group) => (
          <li key={group.group}>
            <strong>{t(`schoolReports.groups.${group.group}`)}:</strong> {group.sources.join(' · ')}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReferralTable({
  rows,
  onLetter,
  busyKey,
}: {
  rows: ReferralRow[];
  onLetter: (residentId: string) => void;
  busyKey: string | null;
}): ReactElement {
  const { t } = useTranslation();
  const f = useReportFormat();
  if (rows.length === 0) {
    return <p className="muted">{t('schoolReports.referrals.none')}</p>;
  }
  return (
    <table className="table report-referrals">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('schoolReports.referrals.pupil')}</th>
          <th scope="col">{t('schoolReports.referrals.reasons')}</th>
          <th scope="col">{t('schoolReports.referrals.findings')}</th>
          <th scope="col">{t('schoolReports.referrals.referredTo')}</th>
          <th scope="col">{t('schoolReports.referrals.guardian')}</th>
          <th scope="col" className="report-print-hidden">
            <span className="visually-hidden">{t('schoolReports.letters.column')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.resident.id}>
            <td className="report-num">{index + 1}</td>
            <td>
              <a href={routePath({ name: 'resident', id: row.resident.id })}>
                {row.resident.fullName}
              </a>
              <div className="muted">{formatIsoDate(row.resident.birthDate)}</div>
            </td>
            <td>
              <ul className="report-list">
                {row.reasons.map((reason) => (
                  <li key={reason}>{f.text(PUPIL_REFERRAL_REASON_LABELS[reason])}</li>
                ))}
              </ul>
            </td>
            <td>
              <ul className="report-list">
                {row.findings.map((finding) => (
                  <li key={finding.vi}>{f.text(finding)}</li>
                ))}
              </ul>
            </td>
            <td>
              {row.referredTo || (
                <span className="muted">{t('schoolReports.referrals.station')}</span>
              )}
            </td>
            <td>
              {row.guardians.length === 0 ? (
                <span className="muted">{t('schoolReports.referrals.noGuardian')}</span>
              ) : (
                row.guardians.map((g) => (
                  <div key={`${g.fullName}-${g.phone}`}>
                    {g.fullName}{' '}
                    <span className="muted">({t(`registry.relationship.${g.relationship}`)})</span>
                    {g.phone ? <div className="mono">{g.phone}</div> : null}
                  </div>
                ))
              )}
            </td>
            <td className="report-print-hidden">
              <button
                type="button"
                className="button button--small"
                onClick={() => onLetter(row.resident.id)}
                disabled={busyKey !== null}
              >
                {t('schoolReports.letters.one')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PupilLetters({
  pupils,
  onLetter,
  busyKey,
}: {
  pupils: ClassSummaryOutput['pupils'];
  onLetter: (residentId: string) => void;
  busyKey: string | null;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <table className="table report-pupils">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('schoolReports.referrals.pupil')}</th>
          <th scope="col">{t('schoolReports.letters.state')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('schoolReports.letters.column')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pupils.map((pupil, index) => (
          <tr key={pupil.residentId}>
            <td className="report-num">{index + 1}</td>
            <td>{pupil.fullName}</td>
            <td>
              <span
                className={
                  pupil.status !== 'measured'
                    ? 'badge'
                    : pupil.referralReasons.length > 0
                      ? 'badge badge--warn'
                      : 'badge badge--ok'
                }
              >
                {pupil.status === 'measured'
                  ? t(
                      pupil.referralReasons.length > 0
                        ? 'schoolReports.state.referred'
                        : 'schoolReports.state.measured',
                    )
                  : t(`schoolReports.state.${pupil.status}`)}
              </span>
            </td>
            <td>
              {pupil.status === 'measured' ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onLetter(pupil.residentId)}
                  disabled={busyKey !== null}
                  aria-label={t('schoolReports.letters.oneFor', { name: pupil.fullName })}
                >
                  {t('schoolReports.letters.one')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A class's results for one round: counts and percentages by category (each of the pupils
 * measured for it), the pupils to refer with their guardians, and the parents' letters as
 * PDF, one pupil or the whole class. Prints as a clean report (docs/school-reports.md).
 */
export function ClassSummaryScreen({
  classId,
  round,
}: {
  classId: string;
  round: ScreeningRound;
}): ReactElement {
  const { t } = useTranslation();
  const state = useLoaded(
    useCallback(
      () =>
        Promise.all([
          call('class.summary', { classId, round }),
          call('class.referrals', { classId, round }),
        ] as const),
      [classId, round],
    ),
  );
  const [exporting, setExporting] = useState<Export>({ status: 'idle' });

  const exportLetters = (residentId: string | null): void => {
    setExporting({ status: 'busy', key: residentId ?? 'class' });
    void call('class.exportLetters', { classId, round, residentId }).then((result) => {
      if (!result.ok) {
        setExporting({ status: 'failed', code: result.error.code });
        return;
      }
      downloadBase64(result.value.fileName, result.value.base64, result.value.mimeType);
      setExporting({ status: 'done', letters: result.value.letters });
    });
  };

  if (state.kind === 'loading') return <LoadingPage text={t('schoolReports.loading')} />;
  if (state.kind === 'failed') {
    return (
      <FailedPage code={state.code}>
        <a href={routePath({ name: 'schools' })}>{t('schoolReports.backToSchools')}</a>
      </FailedPage>
    );
  }
  const [summary, referrals] = state.value;
  const { schoolClass, counts } = summary;
  const busyKey = exporting.status === 'busy' ? exporting.key : null;

  return (
    <div className="page report-page">
      <p className="report-crumbs report-print-hidden">
        <a href={routePath({ name: 'schools' })}>{t('schoolReports.crumbs.schools')}</a> ·{' '}
        {schoolClass.schoolName} ·{' '}
        <a href={routePath({ name: 'schoolClass', classId })}>
          {t('schoolReports.crumbs.class', { name: schoolClass.name })}
        </a>
      </p>
      <header className="page__head">
        <div>
          <h1>
            {t('schoolReports.title', {
              name: schoolClass.name,
              round,
              year: schoolClass.schoolYear,
            })}
          </h1>
          <p className="muted report-print-only">{schoolClass.schoolName}</p>
        </div>
        <nav className="row report-print-hidden" aria-label={t('schoolReports.actions')}>
          {SCREENING_ROUNDS.map((r) => (
            <a
              key={r}
              className={
                r === round ? 'button button--ghost report-current' : 'button button--ghost'
              }
              aria-current={r === round ? 'page' : undefined}
              href={routePath({ name: 'classSummary', classId, round: r })}
            >
              {t('schoolReports.round', { round: r })}
            </a>
          ))}
          <button type="button" className="button" onClick={() => window.print()}>
            {t('schoolReports.print')}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => exportLetters(null)}
            disabled={busyKey !== null || counts.measured === 0}
          >
            {busyKey === 'class'
              ? t('schoolReports.letters.busy')
              : t('schoolReports.letters.class')}
          </button>
        </nav>
      </header>

      {exporting.status === 'done' ? (
        <p className="banner banner--success report-print-hidden" role="status">
          {t('schoolReports.letters.done', { count: exporting.letters })}
        </p>
      ) : null}
      {exporting.status === 'failed' ? (
        <p className="banner banner--error report-print-hidden" role="alert">
          {t(`errors.${exporting.code}`)}
        </p>
      ) : null}

      <dl className="report-counts">
        {(['enrolled', 'measured', 'absent', 'notYet'] as const).map((key) => (
          <div key={key}>
            <dt>{t(`schoolReports.counts.${key}`)}</dt>
            <dd>{counts[key]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted report-note">{t('schoolReports.summary.percentNote')}</p>

      <div className="report-columns">
        <section aria-labelledby="report-summary-title">
          <h2 id="report-summary-title">{t('schoolReports.summary.title')}</h2>
          <SummaryTable summary={summary} />
        </section>
        <section aria-labelledby="report-referrals-title" className="report-referral-section">
          <h2 id="report-referrals-title">
            {t('schoolReports.referrals.title', { count: referrals.length })}
          </h2>
          <ReferralTable rows={referrals} onLetter={exportLetters} busyKey={busyKey} />
          <h2 className="report-print-hidden">{t('schoolReports.letters.title')}</h2>
          <p className="muted report-print-hidden">{t('schoolReports.letters.hint')}</p>
          <div className="report-print-hidden">
            <PupilLetters pupils={summary.pupils} onLetter={exportLetters} busyKey={busyKey} />
          </div>
        </section>
      </div>
      <Sources summary={summary} />
    </div>
  );
}
