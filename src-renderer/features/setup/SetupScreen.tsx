import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactElement } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { HCMC_COMMUNES } from '../../../src-shared/reference/admin-units';
import { setupSchema, type Session } from '../../../src-shared/schemas/station';
import { call } from '../../api/client';
import { CommuneSelect } from '../../components/CommuneSelect';
import { Field } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';
import { LanguageSwitch } from './LanguageSwitch';

type SetupForm = z.input<typeof setupSchema>;

/** First launch: the station (commune, name, facility code) and its first administrator. */
export function SetupScreen({ onDone }: { onDone: (session: Session) => void }): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, formState } = useForm<
    SetupForm,
    unknown,
    z.output<typeof setupSchema>
  >({
    resolver: zodResolver(setupSchema),
    defaultValues: {
      station: { communeCode: '', name: '', facilityCode: '' },
      administrator: { fullName: '', username: '', password: '', passwordConfirmation: '' },
    },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('setup.initialize', values);
    if (result.ok) return onDone(result.value);
    applyServerIssues(result.error, setError);
    setFailure(t(`errors.${result.error.code}`));
  });

  return (
    <div className="auth-page">
      <form className="auth-card auth-card--wide" onSubmit={onSubmit} noValidate>
        <div className="auth-card__head">
          <h1>{t('common.setup.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('common.setup.intro')}</p>
        <fieldset className="section">
          <legend>{t('common.setup.station')}</legend>
          <div className="grid grid--2">
            <Field
              label={t('common.setup.commune')}
              error={errors.station?.communeCode?.message}
              required
            >
              {({ id, describedBy, invalid }) => (
                <Controller
                  control={control}
                  name="station.communeCode"
                  render={({ field }) => (
                    <CommuneSelect
                      id={id}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      communes={HCMC_COMMUNES}
                      describedBy={describedBy}
                      invalid={invalid}
                    />
                  )}
                />
              )}
            </Field>
            <TextInputField
              label={t('common.setup.facilityCode')}
              error={errors.station?.facilityCode?.message}
              required
              inputClassName="input--code"
              maxLength={5}
              registration={register('station.facilityCode')}
            />
            <TextInputField
              label={t('common.setup.stationName')}
              error={errors.station?.name?.message}
              required
              fieldClassName="span-2"
              placeholder={t('common.setup.stationNamePlaceholder')}
              registration={register('station.name')}
            />
          </div>
        </fieldset>
        <fieldset className="section">
          <legend>{t('common.setup.administrator')}</legend>
          <div className="grid grid--2">
            <TextInputField
              label={t('common.setup.fullName')}
              error={errors.administrator?.fullName?.message}
              required
              autoComplete="name"
              registration={register('administrator.fullName')}
            />
            <TextInputField
              label={t('common.setup.username')}
              error={errors.administrator?.username?.message}
              required
              autoComplete="username"
              registration={register('administrator.username')}
            />
            <TextInputField
              label={t('common.setup.password')}
              error={errors.administrator?.password?.message}
              hint={t('common.setup.passwordHint')}
              required
              type="password"
              autoComplete="new-password"
              registration={register('administrator.password')}
            />
            <TextInputField
              label={t('common.setup.passwordConfirmation')}
              error={errors.administrator?.passwordConfirmation?.message}
              required
              type="password"
              autoComplete="new-password"
              registration={register('administrator.passwordConfirmation')}
            />
          </div>
        </fieldset>
        {failure ? (
          <p className="banner banner--error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={formState.isSubmitting}
          >
            {formState.isSubmitting ? t('common.saving') : t('common.setup.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
