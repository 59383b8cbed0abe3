import { useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { readFileText } from './read-file';
import { useSyncFailureText, type BundleSummary } from './sync-display';

/** "Nhập biên nhận": the city's signed receipt, brought back on the stick, read as text. */
export function ReceiptImport({ onImported }: { onImported: () => void }): ReactElement {
  const { t } = useTranslation();
  const failureText = useSyncFailureText();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [imported, setImported] = useState<BundleSummary | null>(null);

  const onFile = async (file: File | undefined): Promise<void> => {
    setFailure(null);
    setImported(null);
    if (!file) return;
    setBusy(true);
    const text = await readFileText(file).catch(() => null);
    const result =
      text === null
        ? ({ ok: false, error: { code: 'INTERNAL', message: 'The file cannot be read.' } } as const)
        : await call('sync.importReceipt', { text });
    setBusy(false);
    // The same file may be chosen again after a fix elsewhere (a city key imported).
    if (fileRef.current) fileRef.current.value = '';
    if (!result.ok) return setFailure(result.error);
    setImported(result.value);
    onImported();
  };

  return (
    <section className="section sync-section" aria-labelledby="sync-receipt-title">
      <h2 id="sync-receipt-title">{t('sync.receipt.title')}</h2>
      <Field label={t('sync.receipt.file')} hint={t('sync.receipt.hint')}>
        {({ id, describedBy }) => (
          <input
            id={id}
            ref={fileRef}
            type="file"
            className="input"
            disabled={busy}
            aria-describedby={describedBy}
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
        )}
      </Field>
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failureText(failure)}
        </p>
      ) : null}
      {imported ? (
        <p
          className={`banner ${imported.counts.rejected > 0 ? 'banner--warning' : 'banner--success'}`}
          role="status"
        >
          {t('sync.receipt.done', {
            sequence: imported.sequence,
            accepted: imported.counts.accepted,
            duplicate: imported.counts.duplicate,
            rejected: imported.counts.rejected,
          })}
        </p>
      ) : null}
    </section>
  );
}
