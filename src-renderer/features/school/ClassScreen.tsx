import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { consentCovers, SCREENING_ROUNDS } from '../../../src-shared/schemas/school';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import './school.css';

type ClassData = ChannelOutput<'class.get'>;

/** One class: its pupils, consent, and the way to the roster import, the grid and the summaries. */
export function ClassScreen({ classId }: { classId: string }): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; code: ErrorCode }
    | { status: 'ready'; data: ClassData }
  >({ status: 'loading' });
  useEffect(() => {
    void call('class.get', { classId, round: 'I' }).then((result) =>
      setState(
        result.ok
          ? { status: 'ready', data: result.value }
          : { status: 'error', code: result.error.code },
      ),
    );
  }, [classId]);
  if (state.status === 'loading') return <LoadingPage text={t('common.loading')} />;
  if (state.status === 'error') {
    return (
      <FailedPage code={state.code}>
        <a href={routePath({ name: 'schools' })}>{t('school.backToSchools')}</a>
      </FailedPage>
    );
  }
  const { schoolClass, pupils } = state.data;
  const today = todayInVietnam();
  return (
    <div className="page school-page">
      <p className="crumbs">
        <a href={routePath({ name: 'schools' })}>{t('school.schools.title')}</a> ·{' '}
        {schoolClass.schoolName}
      </p>
      <header className="page__head">
        <h1>{t('school.class.title', { name: schoolClass.name, year: schoolClass.schoolYear })}</h1>
        <nav className="row" aria-label={t('school.class.actions')}>
          <a className="button" href={routePath({ name: 'rosterImport', classId })}>
            {t('school.class.importRoster')}
          </a>
          {SCREENING_ROUNDS.map((round) => (
            <a
              key={round}
              className="button button--primary"
              href={routePath({ name: 'screeningDay', classId, round })}
            >
              {t('school.class.screeningDay', { round })}
            </a>
          ))}
          {SCREENING_ROUNDS.map((round) => (
            <a
              key={`summary-${round}`}
              className="button button--ghost"
              href={routePath({ name: 'classSummary', classId, round })}
            >
              {t('school.class.summary', { round })}
            </a>
          ))}
        </nav>
      </header>
      {pupils.length === 0 ? (
        <p className="banner banner--info">{t('school.class.empty')}</p>
      ) : (
        <table className="table school-pupils">
          <caption className="muted">{t('school.class.count', { count: pupils.length })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('school.pupil.name')}</th>
              <th scope="col">{t('school.pupil.birthDate')}</th>
              <th scope="col">{t('school.pupil.sex')}</th>
              <th scope="col">{t('school.pupil.code')}</th>
              <th scope="col">{t('school.pupil.consent')}</th>
              <th scope="col">{t('school.pupil.roundI')}</th>
            </tr>
          </thead>
          <tbody>
            {pupils.map((p, i) => (
              <tr key={p.resident.id}>
                <td>{i + 1}</td>
                <td>
                  <a href={routePath({ name: 'resident', id: p.resident.id })}>
                    {p.resident.fullName}
                  </a>
                </td>
                <td>{formatIsoDate(p.resident.birthDate)}</td>
                <td>{t(`school.sex.${p.resident.sex}`)}</td>
                <td className="mono">{p.pupilCode}</td>
                <td>
                  {consentCovers(p.consent, p.resident.birthDate, today) ? (
                    <span className="badge badge--ok">{t('school.consent.given')}</span>
                  ) : (
                    <span className="badge badge--warn">{t('school.consent.missing')}</span>
                  )}
                </td>
                <td>
                  {p.screening
                    ? t(`school.status.${p.screening.status}`)
                    : t('school.status.notYet')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
