import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../src-shared/ipc/contract';
import { OUTBOX_KINDS } from '../../../src-shared/ipc/contract-sync';
import { DateField } from '../../components/DateField';
import { TextInputField } from '../../components/TextInputField';
import { BundleFiles } from './BundleFiles';
import {
  formatCount,
  formatSize,
  uiLanguage,
  useSyncFailureText,
  type ExportJob,
  type SyncStatus,
} from './sync-display';
import { useExportJob } from './use-export-job';

const exportInputSchema = contract['sync.startExport'].input;
type ExportValues = z.input<typeof exportInputSchema>;
type ExportInput = z.output<typeof exportInputSchema>;

const DEFAULT_VALUES: ExportValues = {
  password: '',
  selection: { from: null, to: null, kinds: [...OUTBOX_KINDS] },
};

/**
 * "Xuất gói dữ liệu": choose what to send, sign with her own key (her password opens it,
 * docs/sync-protocol.md), follow the bar, then save each bundle file to the USB stick.
 */
export function ExportWizard({
  status,
  onSettled,
}: {
  status: SyncStatus;
  onSettled: (job: ExportJob) => void;
}): ReactElement {
  const { t } = useTranslation();
  const control = useExportJob(onSettled);
  const { job } = control;
  const step = job === null ? 1 : job.state === 'running' ? 2 : 3;
  const steps = ['sync.export.step1', 'sync.export.step2', 'sync.export.step3'];

  return (
    <section className="section sync-section" aria-labelledby="sync-export-title">
      <h2 id="sync-export-title">{t('sync.export.title')}</h2>
      <ol className="sync-steps">
        {steps.map((key, index) => (
          <li
            key={key}
            className={index + 1 === step ? 'sync-steps__current' : undefined}
            aria-current={index + 1 === step ? 'step' : undefined}
          >
            {t(key)}
          </li>
        ))}
      </ol>
      {status.supervisorKey === null ? (
        <p className="banner banner--warning">{t('sync.export.needsKey')}</p>
      ) : job === null ? (
        <ExportForm control={control} cityKeyMissing={!hasEncryptionKey(status)} />
      ) : job.state === 'running' ? (
        <ExportProgress job={job} control={control} />
      ) : (
        <ExportResult job={job} onAgain={control.reset} />
      )}
    </section>
  );
}

function hasEncryptionKey(status: SyncStatus): boolean {
  return status.cityKeys.some((key) => key.use === 'bundle-encryption');
}

function ExportForm({
  control,
  cityKeyMissing,
}: {
  control: ReturnType<typeof useExportJob>;
  cityKeyMissing: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const failureText = useSyncFailureText();
  const form = useForm<ExportValues, unknown, ExportInput>({
    resolver: zodResolver(exportInputSchema),
    defaultValues: DEFAULT_VALUES,
  });
  const { register, handleSubmit, formState, resetField } = form;
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    const started = await control.start(values);
    // The password opened her key for this export only; it is not kept on screen.
    resetField('password');
    if (!started) form.setFocus('password');
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('sync.export.form')}>
      {cityKeyMissing ? (
        <p className="banner banner--warning">{t('sync.export.cityKeyMissing')}</p>
      ) : null}
      <div className="grid grid--4">
        <DateField
          control={form.control}
          name="selection.from"
          label={t('sync.export.from')}
          error={errors.selection?.from?.message}
          emptyAs={null}
        />
        <DateField
          control={form.control}
          name="selection.to"
          label={t('sync.export.to')}
          error={errors.selection?.to?.message}
          emptyAs={null}
        />
        <fieldset className="sync-kinds span-2">
          <legend className="field__label">{t('sync.export.kinds')}</legend>
          <div className="checks">
            {OUTBOX_KINDS.map((kind) => (
              <label key={kind} className="check">
                <input type="checkbox" value={kind} {...register('selection.kinds')} />
                {t(`sync.kinds.${kind}`)}
              </label>
            ))}
          </div>
          {errors.selection?.kinds ? (
            <span className="field__error" role="alert">
              {t('sync.export.kindsRequired')}
            </span>
          ) : null}
        </fieldset>
      </div>
      <p className="field__hint sync-dates-hint">{t('sync.export.datesHint')}</p>
      <div className="grid grid--4">
        <TextInputField
          label={t('sync.export.password')}
          hint={t('sync.export.passwordHint')}
          error={errors.password?.message}
          required
          type="password"
          autoComplete="current-password"
          registration={register('password')}
        />
      </div>
      {control.failure ? (
        <p className="banner banner--error" role="alert">
          {failureText(control.failure)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={control.starting}>
          {control.starting ? t('sync.export.starting') : t('sync.export.start')}
        </button>
      </div>
    </form>
  );
}

function ExportProgress({
  job,
  control,
}: {
  job: ExportJob;
  control: ReturnType<typeof useExportJob>;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const failureText = useSyncFailureText();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="sync-progress">
      <progress
        className="sync-progress__bar"
        max={Math.max(1, job.totalRecords)}
        value={job.records}
        aria-label={t('sync.export.progressLabel')}
      />
      <p role="status" aria-live="polite">
        {t('sync.export.progress', {
          records: formatCount(job.records, language),
          total: formatCount(job.totalRecords, language),
          size: formatSize(job.bytes, language),
        })}
      </p>
      {control.failure ? (
        <p className="banner banner--error" role="alert">
          {failureText(control.failure)}{' '}
          <button type="button" className="button button--small" onClick={control.resume}>
            {t('sync.export.resume')}
          </button>
        </p>
      ) : null}
      <div className="actions">
        <button
          ref={cancelRef}
          type="button"
          className="button button--danger"
          onClick={() => void control.cancel()}
        >
          {t('sync.export.cancel')}
        </button>
      </div>
    </div>
  );
}

function ExportResult({ job, onAgain }: { job: ExportJob; onAgain: () => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const failureText = useSyncFailureText();
  const records = job.bundles.reduce((sum, b) => sum + b.records, 0);
  const bytes = job.bundles.reduce((sum, b) => sum + b.bytes, 0);
  return (
    <div>
      {job.state === 'done' && job.bundles.length === 0 ? (
        <p className="banner banner--info" role="status">
          {t('sync.export.nothing')}
        </p>
      ) : job.state === 'done' ? (
        <p className="banner banner--success" role="status">
          {t('sync.export.done', {
            count: job.bundles.length,
            records: formatCount(records, language),
            size: formatSize(bytes, language),
          })}
        </p>
      ) : job.state === 'cancelled' ? (
        <p className="banner banner--info" role="status">
          {t('sync.export.cancelled', { count: job.bundles.length })}
        </p>
      ) : (
        <p className="banner banner--error" role="alert">
          {job.error ? failureText(job.error) : t('errors.INTERNAL')}
        </p>
      )}
      {job.bundles.length > 0 ? <BundleFiles bundles={job.bundles} /> : null}
      <div className="actions">
        <button type="button" className="button" onClick={onAgain}>
          {t('sync.export.again')}
        </button>
      </div>
    </div>
  );
}
