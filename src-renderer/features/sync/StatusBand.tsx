import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTBOX_KINDS } from '../../../src-shared/ipc/contract-sync';
import { formatCount, uiLanguage, type SyncStatus } from './sync-display';

/** What is waiting, what the city has not answered, and whether the keys are in place. */
export function StatusBand({
  status,
  showOwnKey,
}: {
  status: SyncStatus;
  showOwnKey: boolean;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const n = (value: number): string => formatCount(value, language);
  // Kinds the contract does not list yet still show, under their code.
  const kinds = [
    ...OUTBOX_KINDS,
    ...Object.keys(status.pending.byKind).filter(
      (kind) => !(OUTBOX_KINDS as readonly string[]).includes(kind),
    ),
  ];
  const encryptionKey = status.cityKeys.some((key) => key.use === 'bundle-encryption');
  const receiptKey = status.cityKeys.some((key) => key.use === 'receipt-signing');

  return (
    <section className="card sync-band" aria-label={t('sync.band.label')}>
      <dl className="sync-band__counts">
        <div className="sync-band__total">
          <dt>{t('sync.band.pending')}</dt>
          <dd>{n(status.pending.total)}</dd>
        </div>
        {kinds.map((kind) => (
          <div key={kind}>
            <dt>{t(`sync.kinds.${kind}`, { defaultValue: kind })}</dt>
            <dd>{n(status.pending.byKind[kind] ?? 0)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('sync.band.heldForConsent')}</dt>
          <dd>{n(status.pending.heldForConsent)}</dd>
        </div>
        <div>
          <dt>{t('sync.band.awaitingReceipt')}</dt>
          <dd>{n(status.awaitingReceipt)}</dd>
        </div>
        <div className={status.rejected > 0 ? 'sync-band__alert' : undefined}>
          <dt>{t('sync.band.rejected')}</dt>
          <dd>{n(status.rejected)}</dd>
        </div>
      </dl>
      <dl className="sync-band__keys">
        <div>
          <dt>{t('sync.band.stationCode')}</dt>
          <dd className="mono">{status.stationCode}</dd>
        </div>
        <div>
          <dt>{t('sync.band.stationKey')}</dt>
          <dd>
            {status.stationKey ? (
              <code className="sync-fingerprint">{status.stationKey.fingerprint}</code>
            ) : (
              <span className="badge badge--warn">{t('sync.band.missing')}</span>
            )}
          </dd>
        </div>
        {showOwnKey ? (
          <div>
            <dt>{t('sync.band.supervisorKey')}</dt>
            <dd>
              {status.supervisorKey ? (
                <code className="sync-fingerprint">{status.supervisorKey.fingerprint}</code>
              ) : (
                <span className="badge badge--warn">{t('sync.band.notSetUp')}</span>
              )}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('sync.band.cityKeys')}</dt>
          <dd>
            <span className={encryptionKey ? 'badge badge--ok' : 'badge badge--warn'}>
              {t(encryptionKey ? 'sync.band.encryptionKeyOk' : 'sync.band.encryptionKeyMissing')}
            </span>{' '}
            <span className={receiptKey ? 'badge badge--ok' : 'badge badge--warn'}>
              {t(receiptKey ? 'sync.band.receiptKeyOk' : 'sync.band.receiptKeyMissing')}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('sync.band.cityStore')}</dt>
          <dd className={status.cityStoreUrl ? 'mono' : 'muted'}>
            {status.cityStoreUrl || t('sync.band.noAddress')}
          </dd>
        </div>
      </dl>
    </section>
  );
}
