import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, mayCall } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import { announceDataChanged } from '../../app/events';
import { useSession } from '../../app/session';
import { LoadingPage } from '../../components/PageStatus';
import { BundleHistory } from './BundleHistory';
import { ExportWizard } from './ExportWizard';
import { ReceiptImport } from './ReceiptImport';
import { RejectedRecords } from './RejectedRecords';
import { StatusBand } from './StatusBand';
import { SyncSetup } from './SyncSetup';
import { UploadSection } from './UploadSection';
import {
  useSyncFailureText,
  type BundleSummary,
  type RejectedRecord,
  type SyncStatus,
} from './sync-display';
import './sync.css';

interface Loaded {
  status: SyncStatus;
  bundles: BundleSummary[];
  rejected: RejectedRecord[];
}

type ScreenState =
  { kind: 'loading' } | { kind: 'failed'; error: AppError } | { kind: 'ready'; data: Loaded };

async function loadSync(): Promise<{ ok: true; data: Loaded } | { ok: false; error: AppError }> {
  const [status, bundles, rejected] = await Promise.all([
    call('sync.status', {}),
    call('sync.bundles', {}),
    call('sync.rejected', {}),
  ]);
  if (!status.ok) return { ok: false, error: status.error };
  if (!bundles.ok) return { ok: false, error: bundles.error };
  if (!rejected.ok) return { ok: false, error: rejected.error };
  return {
    ok: true,
    data: { status: status.value, bundles: bundles.value, rejected: rejected.value },
  };
}

/**
 * "Đồng bộ": the supervisor sends the station's changes to the city record store — as signed,
 * encrypted bundle files on a USB stick or straight to its address — and follows what the city
 * answered; the administrator sets up the trust between the two (docs/sync-screen.md).
 */
export function SyncScreen(): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const failureText = useSyncFailureText();
  const mayExport = mayCall(contract['sync.startExport'].access, session.user.role);
  const [state, setState] = useState<ScreenState>({ kind: 'loading' });

  const reload = useCallback(() => {
    void loadSync().then((result) =>
      setState(
        result.ok ? { kind: 'ready', data: result.data } : { kind: 'failed', error: result.error },
      ),
    );
  }, []);
  useEffect(reload, [reload]);

  const afterChange = useCallback(() => {
    // The status bar's pending count follows the outbox too.
    announceDataChanged();
    reload();
  }, [reload]);

  if (state.kind === 'loading') return <LoadingPage text={t('sync.loading')} />;
  if (state.kind === 'failed') {
    return (
      <div className="page">
        <p className="banner banner--error" role="alert">
          {failureText(state.error)}
        </p>
        <button type="button" className="button" onClick={reload}>
          {t('sync.retry')}
        </button>
      </div>
    );
  }
  const { status, bundles, rejected } = state.data;

  return (
    <div className="page sync">
      <div className="page__head">
        <div>
          <h1>{t('sync.title')}</h1>
          <p className="muted">{t(mayExport ? 'sync.intro.supervisor' : 'sync.intro.follower')}</p>
        </div>
      </div>
      <StatusBand status={status} showOwnKey={mayExport} />
      {/* An administrator comes here to set the link up: her part first. */}
      {mayExport ? null : <SyncSetup status={status} onChanged={reload} />}
      {mayExport ? (
        <>
          <ExportWizard status={status} onSettled={afterChange} />
          <UploadSection
            bundles={bundles}
            cityStoreUrl={status.cityStoreUrl}
            onUploaded={afterChange}
          />
        </>
      ) : null}
      <ReceiptImport onImported={afterChange} />
      <BundleHistory bundles={bundles} />
      <RejectedRecords records={rejected} />
      {mayExport ? <SyncSetup status={status} onChanged={reload} /> : null}
    </div>
  );
}
