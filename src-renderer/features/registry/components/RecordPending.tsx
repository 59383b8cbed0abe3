import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../app/routes';
import { FailedPage, LoadingPage } from '../../../components/PageStatus';
import type { RecordState } from '../hooks/use-resident-record';

/** A resident's record on its way, or not found: try again, or back to the registry. */
export function RecordPending({
  state,
  onRetry,
}: {
  state: Exclude<RecordState, { status: 'ready' }>;
  onRetry: () => void;
}): ReactElement {
  const { t } = useTranslation();
  if (state.status !== 'error') return <LoadingPage text={t('common.loading')} />;
  return (
    <FailedPage code={state.error.code}>
      <div className="actions registry-actions--start">
        <button type="button" className="button" onClick={onRetry}>
          {t('registry.actions.retry')}
        </button>
        <button type="button" className="button" onClick={() => navigate({ name: 'registry' })}>
          {t('registry.actions.backToRegistry')}
        </button>
      </div>
    </FailedPage>
  );
}
