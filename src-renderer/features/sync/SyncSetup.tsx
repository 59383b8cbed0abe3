import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactElement } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatInstantInVietnam, formatIsoDate } from '../../../src-shared/domain/dates';
import { contract, mayCall } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';
import { downloadText } from '../admin/download';
import { readFileText } from './read-file';
import { useSyncFailureText, type SyncStatus } from './sync-display';

/**
 * "Thiết lập": the trust between the station and the city store (docs/sync-protocol.md).
 * Administrators bring in the city's keys and its address; everyone here can hand the city
 * the station's enrollment file; a supervisor makes her own signing key once.
 */
export function SyncSetup({
  status,
  onChanged,
}: {
  status: SyncStatus;
  onChanged: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session.user.role;
  const mayConfigure = mayCall(contract['sync.importCityKey'].access, role);
  const mayExport = mayCall(contract['sync.startExport'].access, role);
  return (
    <section className="section sync-section" aria-labelledby="sync-setup-title">
      <h2 id="sync-setup-title">{t('sync.setup.title')}</h2>
      {mayExport ? <SupervisorKey status={status} onChanged={onChanged} /> : null}
      <Enrollment />
      {mayConfigure ? (
        <>
          <CityKeys status={status} onChanged={onChanged} />
          <CityStoreAddress current={status.cityStoreUrl} onChanged={onChanged} />
        </>
      ) : null}
    </section>
  );
}

function FailureBanner({ failure }: { failure: AppError | null }): ReactElement | null {
  const failureText = useSyncFailureText();
  return failure ? (
    <p className="banner banner--error" role="alert">
      {failureText(failure)}
    </p>
  ) : null;
}

const supervisorKeySchema = contract['sync.setUpSupervisorKey'].input;

function SupervisorKey({
  status,
  onChanged,
}: {
  status: SyncStatus;
  onChanged: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppError | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<
    z.input<typeof supervisorKeySchema>,
    unknown,
    z.output<typeof supervisorKeySchema>
  >({ resolver: zodResolver(supervisorKeySchema), defaultValues: { password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('sync.setUpSupervisorKey', values);
    reset({ password: '' });
    if (!result.ok) return setFailure(result.error);
    onChanged();
  });

  if (status.supervisorKey) {
    return (
      <div className="sync-setup-part">
        <h3>{t('sync.setup.supervisorKey.title')}</h3>
        <p role="status">
          {t('sync.setup.supervisorKey.ready')}{' '}
          <code className="sync-fingerprint">{status.supervisorKey.fingerprint}</code>
        </p>
      </div>
    );
  }
  return (
    <form
      className="sync-setup-part"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-labelledby="sync-supervisor-key"
    >
      <h3 id="sync-supervisor-key">{t('sync.setup.supervisorKey.title')}</h3>
      <p className="muted">{t('sync.setup.supervisorKey.intro')}</p>
      <div className="grid grid--4">
        <TextInputField
          label={t('sync.setup.supervisorKey.password')}
          error={formState.errors.password?.message}
          required
          type="password"
          autoComplete="current-password"
          registration={register('password')}
        />
      </div>
      <FailureBanner failure={failure} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
          {t('sync.setup.supervisorKey.submit')}
        </button>
      </div>
    </form>
  );
}

function Enrollment(): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (): Promise<void> => {
    setFailure(null);
    setBusy(true);
    const result = await call('sync.enrollment', {});
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    downloadText(result.value.fileName, result.value.text, 'application/json');
    setSaved(result.value.fileName);
  };

  return (
    <div className="sync-setup-part">
      <h3>{t('sync.setup.enrollment.title')}</h3>
      <p className="muted">{t('sync.setup.enrollment.intro')}</p>
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => void download()}>
          {t('sync.setup.enrollment.download')}
        </button>
        {saved ? (
          <span role="status" className="muted">
            {t('sync.setup.enrollment.saved', { file: saved })}
          </span>
        ) : null}
      </div>
      <FailureBanner failure={failure} />
    </div>
  );
}

const cityKeySchema = contract['sync.importCityKey'].input;
type CityKeyValues = z.input<typeof cityKeySchema>;

function CityKeys({
  status,
  onChanged,
}: {
  status: SyncStatus;
  onChanged: () => void;
}): ReactElement {
  const { t } = useTranslation();
  // A new file input after an import: the chosen file's name must not linger.
  const [fileInput, setFileInput] = useState(0);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<CityKeyValues, unknown, z.output<typeof cityKeySchema>>({
    resolver: zodResolver(cityKeySchema),
    defaultValues: { text: '', confirmedFingerprint: '', validFrom: null },
  });
  const { register, handleSubmit, formState, setError, reset } = form;

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setDone(false);
    const result = await call('sync.importCityKey', values);
    if (!result.ok) {
      applyServerIssues(result.error, setError);
      return setFailure(result.error);
    }
    reset();
    setFileInput((n) => n + 1);
    setDone(true);
    onChanged();
  });

  return (
    <div className="sync-setup-part">
      <h3 id="sync-city-keys">{t('sync.setup.cityKeys.title')}</h3>
      {status.cityKeys.length === 0 ? (
        <p className="banner banner--warning">{t('sync.setup.cityKeys.none')}</p>
      ) : (
        <table className="table sync-table" aria-labelledby="sync-city-keys">
          <thead>
            <tr>
              <th scope="col">{t('sync.setup.cityKeys.use')}</th>
              <th scope="col">{t('sync.setup.cityKeys.fingerprint')}</th>
              <th scope="col">{t('sync.setup.cityKeys.validFrom')}</th>
              <th scope="col">{t('sync.setup.cityKeys.imported')}</th>
            </tr>
          </thead>
          <tbody>
            {status.cityKeys.map((key) => (
              <tr key={key.kid}>
                <td>{t(`sync.keyUses.${key.use}`)}</td>
                <td>
                  <code className="sync-fingerprint">{key.fingerprint}</code>
                </td>
                <td>{formatIsoDate(key.validFrom.slice(0, 10))}</td>
                <td>
                  {formatInstantInVietnam(key.importedAt)}
                  <span className="muted"> · {key.importedBy}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-label={t('sync.setup.cityKeys.form')}
      >
        <p className="muted">{t('sync.setup.cityKeys.intro')}</p>
        <div className="grid grid--4">
          <Field
            label={t('sync.setup.cityKeys.file')}
            error={formState.errors.text?.message}
            required
          >
            {({ id, describedBy, invalid }) => (
              <Controller
                control={form.control}
                name="text"
                render={({ field }) => (
                  <input
                    key={fileInput}
                    id={id}
                    type="file"
                    accept=".json,.jwk,.jwks,application/json"
                    className="input"
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onBlur={field.onBlur}
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      if (!file) return field.onChange('');
                      void readFileText(file).then(field.onChange, () => field.onChange(''));
                    }}
                  />
                )}
              />
            )}
          </Field>
          <TextInputField
            label={t('sync.setup.cityKeys.confirmedFingerprint')}
            hint={t('sync.setup.cityKeys.fingerprintHint')}
            error={formState.errors.confirmedFingerprint?.message}
            required
            autoComplete="off"
            spellCheck={false}
            fieldClassName="span-2"
            inputClassName="mono"
            registration={register('confirmedFingerprint')}
          />
          <DateField
            control={form.control}
            name="validFrom"
            label={t('sync.setup.cityKeys.validFrom')}
            error={formState.errors.validFrom?.message}
            emptyAs={null}
          />
        </div>
        <FailureBanner failure={failure} />
        {done ? (
          <p className="banner banner--success" role="status">
            {t('sync.setup.cityKeys.done')}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={formState.isSubmitting}
          >
            {t('sync.setup.cityKeys.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

const addressSchema = contract['sync.configure'].input;

function CityStoreAddress({
  current,
  onChanged,
}: {
  current: string;
  onChanged: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<
    z.input<typeof addressSchema>,
    unknown,
    z.output<typeof addressSchema>
  >({ resolver: zodResolver(addressSchema), defaultValues: { cityStoreUrl: current } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setDone(false);
    const result = await call('sync.configure', values);
    if (!result.ok) {
      applyServerIssues(result.error, setError);
      return setFailure(result.error);
    }
    setDone(true);
    onChanged();
  });

  return (
    <form
      className="sync-setup-part"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-labelledby="sync-address"
    >
      <h3 id="sync-address">{t('sync.setup.address.title')}</h3>
      <div className="row sync-address">
        <TextInputField
          label={t('sync.setup.address.url')}
          hint={t('sync.setup.address.hint')}
          error={formState.errors.cityStoreUrl?.message}
          type="url"
          autoComplete="off"
          spellCheck={false}
          fieldClassName="sync-address__field"
          registration={register('cityStoreUrl')}
        />
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          {t('sync.setup.address.submit')}
        </button>
      </div>
      <FailureBanner failure={failure} />
      {done ? (
        <p className="banner banner--success" role="status">
          {t('sync.setup.address.done')}
        </p>
      ) : null}
    </form>
  );
}
