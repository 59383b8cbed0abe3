import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../src-shared/ipc/errors';
import {
  BACKUP_PASSPHRASE_MIN,
  backupCreateSchema,
  type BackupInfo,
} from '../../../src-shared/schemas/backup';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';
import { downloadBase64 } from './download';

/**
 * "Sao lưu và khôi phục": supervisors and administrators make an encrypted backup (downloaded
 * as a .whsbackup file); administrators restore one, after a confirmation that every record
 * on the workstation is replaced, and are then sent back to sign in.
 */
export function BackupSection(): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const mayRestore = session.user.role === 'administrator';
  return (
    <fieldset className="section">
      <legend>{t('admin.settings.backup.legend')}</legend>
      <p className="muted">{t('admin.settings.backup.intro')}</p>
      <CreateBackupForm />
      {mayRestore ? (
        <RestoreBackupForm />
      ) : (
        <p className="banner banner--info">{t('admin.settings.backup.readOnly')}</p>
      )}
    </fieldset>
  );
}

type CreateValues = z.input<typeof backupCreateSchema>;

function CreateBackupForm(): ReactElement {
  const { t } = useTranslation();
  const [done, setDone] = useState<{ fileName: string; size: number } | null>(null);
  const [failure, setFailure] = useState<AppError['code'] | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<
    CreateValues,
    unknown,
    z.output<typeof backupCreateSchema>
  >({
    resolver: zodResolver(backupCreateSchema),
    defaultValues: { passphrase: '', confirmation: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setDone(null);
    const result = await call('backup.create', values);
    if (!result.ok) {
      applyServerIssues(result.error, setError);
      setFailure(result.error.code);
      return;
    }
    downloadBase64(result.value.fileName, result.value.base64, 'application/octet-stream');
    reset({ passphrase: '', confirmation: '' });
    setDone({
      fileName: result.value.fileName,
      size: Math.max(1, Math.round(result.value.sizeBytes / 1024)),
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="backup-create">
      <h3 id="backup-create">{t('admin.settings.backup.create.title')}</h3>
      <TextInputField
        label={t('admin.settings.backup.create.passphrase')}
        error={formState.errors.passphrase?.message}
        hint={t('admin.settings.backup.create.hint', { min: BACKUP_PASSPHRASE_MIN })}
        required
        type="password"
        autoComplete="new-password"
        registration={register('passphrase')}
      />
      <TextInputField
        label={t('admin.settings.backup.create.confirmation')}
        error={formState.errors.confirmation?.message}
        required
        type="password"
        autoComplete="new-password"
        registration={register('confirmation')}
      />
      {failure ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${failure}`)}
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {done ? (
          <p className="banner banner--success">{t('admin.settings.backup.create.done', done)}</p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          {formState.isSubmitting
            ? t('admin.settings.backup.create.busy')
            : t('admin.settings.backup.create.submit')}
        </button>
      </div>
    </form>
  );
}

/** The file's bytes as base64 (a data: URL without its prefix). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file cannot be read.'));
    reader.readAsDataURL(file);
  });
}

interface Chosen {
  base64: string;
  info: BackupInfo;
}

function RestoreBackupForm(): ReactElement {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const fileRef = useRef<HTMLInputElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [fieldError, setFieldError] = useState<{ file?: string; passphrase?: string }>({});
  const [failure, setFailure] = useState<AppError['code'] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined): Promise<void> => {
    setChosen(null);
    setFailure(null);
    setFieldError({});
    if (!file) return;
    const base64 = await readAsBase64(file);
    const result = await call('backup.inspect', { base64 });
    if (!result.ok) return setFailure(result.error.code);
    if (!result.value.restorable) return setFailure('BACKUP_TOO_NEW');
    setChosen({ base64, info: result.value });
  };

  const ask = (): void => {
    setFailure(null);
    const problems: { file?: string; passphrase?: string } = {};
    if (!chosen) problems.file = 'admin.settings.backup.restore.fileMissing';
    if (passphrase === '') problems.passphrase = 'validation.required';
    setFieldError(problems);
    if (problems.file) fileRef.current?.focus();
    else if (problems.passphrase) passphraseRef.current?.focus();
    else setConfirming(true);
  };

  const restore = async (): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    const result = await call('backup.restore', { base64: chosen.base64, passphrase });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setFailure(result.error.code);
      return;
    }
    // The session ended on the main side: back to sign-in, with the restored accounts.
    signOut();
  };

  const createdAt = chosen ? new Date(chosen.info.createdAt).toLocaleString() : '';
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        ask();
      }}
      noValidate
      aria-labelledby="backup-restore"
    >
      <h3 id="backup-restore">{t('admin.settings.backup.restore.title')}</h3>
      <p className="banner banner--warning">{t('admin.settings.backup.restore.intro')}</p>
      <Field
        label={t('admin.settings.backup.restore.file')}
        error={fieldError.file ? t(fieldError.file) : undefined}
        required
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            ref={fileRef}
            type="file"
            accept=".whsbackup"
            className="input"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
        )}
      </Field>
      {chosen ? (
        <p className="muted" role="status">
          {t('admin.settings.backup.restore.info', {
            station: chosen.info.station.name,
            commune: chosen.info.station.communeCode,
            createdAt,
            residents: chosen.info.counts.residents,
            declarations: chosen.info.counts.declarations,
          })}
        </p>
      ) : null}
      <Field
        label={t('admin.settings.backup.restore.passphrase')}
        error={fieldError.passphrase}
        required
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            ref={passphraseRef}
            type="password"
            autoComplete="off"
            className="input"
            value={passphrase}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        )}
      </Field>
      {failure ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${failure}`)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {t('admin.settings.backup.restore.submit')}
        </button>
      </div>
      {confirming ? (
        <Dialog
          title={t('admin.settings.backup.restore.confirmTitle')}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                onClick={() => void restore()}
              >
                {busy
                  ? t('admin.settings.backup.restore.busy')
                  : t('admin.settings.backup.restore.confirm')}
              </button>
            </>
          }
        >
          <p>{t('admin.settings.backup.restore.confirmBody', { createdAt })}</p>
        </Dialog>
      ) : null}
    </form>
  );
}
