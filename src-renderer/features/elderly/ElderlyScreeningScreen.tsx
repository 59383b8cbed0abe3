import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { Result } from '../../../src-shared/ipc/errors';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import { call } from '../../api/client';
import { navigate, routePath } from '../../app/routes';
import { useSession } from '../../app/session';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { ResidentSummary } from '../declaration/ResidentSummary';
import { useLoaded } from '../declaration/use-loaded';
import { draftKey } from './draft';
import { ElderlyScreeningForm } from './ElderlyScreeningForm';
import { toFormValues } from './form-values';
import './elderly.css';

const NO_SCREENING: Result<null> = { ok: true, value: null };

/**
 * One elderly screening (QĐ 1551 template 2): a new one, or a correction of a saved one,
 * which becomes its next version. Esc goes back to her page; the draft stays.
 */
export function ElderlyScreeningScreen({
  residentId,
  screeningId,
}: {
  residentId: string;
  screeningId: string | null;
}): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const state = useLoaded(
    useCallback(
      () =>
        Promise.all([
          call('resident.get', { id: residentId }),
          screeningId
            ? call('elderly.get', { id: screeningId })
            : Promise.resolve(NO_SCREENING as Result<ChannelOutput<'elderly.get'> | null>),
        ]),
      [residentId, screeningId],
    ),
  );
  const [today] = useState(() => todayInVietnam());

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        navigate({ name: 'resident', id: residentId });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [residentId]);

  if (state.kind === 'loading') return <LoadingPage text={t('elderly.form.loading')} />;
  if (state.kind === 'failed') {
    return (
      <FailedPage code={state.code}>
        <a href={routePath({ name: 'resident', id: residentId })}>{t('elderly.form.back')}</a>
      </FailedPage>
    );
  }
  const [{ record, merges }, saved] = state.value;
  const initial = toFormValues(
    residentId,
    { screenedOn: today, examinerName: session.user.fullName },
    saved?.screening,
  );

  return (
    <div className="page elderly-page">
      <div className="page__head">
        <div>
          <nav className="muted elderly-crumbs" aria-label={t('elderly.form.crumbs')}>
            <a href={routePath({ name: 'resident', id: residentId })}>{record.resident.fullName}</a>{' '}
            › {t('elderly.title')}
          </nav>
          <h1 id="elderly-title">{t('elderly.title')}</h1>
        </div>
        <span className="badge badge--ok">
          {saved
            ? t('elderly.form.correcting', { version: saved.version, next: saved.version + 1 })
            : t('elderly.form.new')}
        </span>
      </div>
      <ResidentSummary record={record} />
      {merges.mergedInto ? (
        <p className="banner banner--warning">{t('errors.RESIDENT_MERGED')}</p>
      ) : (
        <ElderlyScreeningForm
          record={record}
          screeningId={saved?.id ?? null}
          version={saved?.version ?? 0}
          initial={initial}
          draftKey={draftKey(session.user.id, residentId, screeningId)}
        />
      )}
    </div>
  );
}
