import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../src-shared/ipc/errors';
import {
  IDLE_LOCK_MINUTES,
  settingsSchema,
  type Settings,
} from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { announceSessionChanged } from '../../app/events';
import { useSession } from '../../app/session';
import { TextInputField } from '../../components/TextInputField';
import { Field } from '../../components/Field';
import { CHILD_BP_TABLE_CHOICES } from '../../../src-shared/clinical/paediatric-bp';
import { applyServerIssues } from '../../components/issue-text';
import { BackupSection } from './BackupSection';
import './admin.css';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; settings: Settings };

/**
 * The station's settings: how long a workstation may stay idle before it locks; and, for
 * supervisors and administrators, encrypted backup and restore.
 */
export function SettingsScreen(): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const mayBackUp = session.user.role === 'administrator' || session.user.role === 'supervisor';
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    void call('settings.get', {}).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', settings: result.value }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [loads]);

  return (
    <div className="page admin admin-narrow">
      <div className="page__head">
        <h1>{t('admin.settings.title')}</h1>
      </div>
      {state.status === 'loading' ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : state.status === 'error' ? (
        <div className="banner banner--error row" role="alert">
          <span>{t(`errors.${state.error.code}`)}</span>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setState({ status: 'loading' });
              setLoads((n) => n + 1);
            }}
          >
            {t('admin.retry')}
          </button>
        </div>
      ) : (
        <SettingsForm settings={state.settings} />
      )}
      {mayBackUp ? <BackupSection /> : null}
    </div>
  );
}

type SettingsValues = z.input<typeof settingsSchema>;

function SettingsForm({ settings }: { settings: Settings }): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const mayChange = session.user.role === 'administrator';
  const [saved, setSaved] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<AppError['code'] | null>(null);
  const { register, handleSubmit, setError, setFocus, reset, formState } = useForm<
    SettingsValues,
    unknown,
    z.output<typeof settingsSchema>
  >({ resolver: zodResolver(settingsSchema), defaultValues: settings });

  useEffect(() => {
    if (mayChange) setFocus('idleLockMinutes', { shouldSelect: true });
  }, [mayChange, setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(null);
    const result = await call('settings.update', values);
    if (result.ok) {
      reset(result.value);
      setSaved(result.value);
      // The session carries the minutes: the app reads it again.
      announceSessionChanged();
      return;
    }
    applyServerIssues(result.error, setError);
    setFailure(result.error.code);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <fieldset className="section">
        <legend>{t('admin.settings.idleLock.legend')}</legend>
        <TextInputField
          label={t('admin.settings.idleLock.label')}
          error={formState.errors.idleLockMinutes?.message}
          hint={t('admin.settings.idleLock.hint', {
            min: IDLE_LOCK_MINUTES.min,
            max: IDLE_LOCK_MINUTES.max,
          })}
          required
          type="number"
          inputMode="numeric"
          min={IDLE_LOCK_MINUTES.min}
          max={IDLE_LOCK_MINUTES.max}
          step={1}
          readOnly={!mayChange}
          inputClassName="input--number admin-minutes"
          registration={register('idleLockMinutes', { valueAsNumber: true })}
        />
        <p className="muted admin-check">
          {t('admin.settings.idleLock.current', { count: session.idleLockMinutes })}
        </p>
      </fieldset>
      <fieldset className="section">
        <legend>{t('admin.settings.childBp.legend')}</legend>
        <Field
          label={t('admin.settings.childBp.label')}
          hint={t('admin.settings.childBp.hint')}
          error={formState.errors.childBloodPressureTable?.message}
        >
          {({ id, describedBy }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              disabled={!mayChange}
              {...register('childBloodPressureTable')}
            >
              {CHILD_BP_TABLE_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`admin.settings.childBp.choices.${choice}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      {!mayChange ? <p className="banner banner--info">{t('admin.settings.readOnly')}</p> : null}
      {failure ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${failure}`)}
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {saved ? (
          <p className="banner banner--success">
            {t('admin.settings.done', { count: saved.idleLockMinutes })}
          </p>
        ) : null}
      </div>
      {mayChange ? (
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={formState.isSubmitting}
          >
            {formState.isSubmitting ? t('common.saving') : t('admin.settings.submit')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
