import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import {
  pupilConsentAsked,
  screeningConsentSchema,
  type ScreeningConsent,
} from '../../../src-shared/schemas/school';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues, useIssueText } from '../../components/issue-text';

type Pupil = ChannelOutput<'class.get'>['pupils'][number];

/**
 * Consent to the school screening (Law 91/2025, Decree 356/2025): health data is sensitive,
 * consent is given per purpose and never pre-ticked; from age 7 the pupil answers too.
 */
export function ConsentDialog({
  classId,
  pupil,
  onClose,
  onSaved,
}: {
  classId: string;
  pupil: Pupil;
  onClose: () => void;
  onSaved: (consent: ScreeningConsent) => void;
}): ReactElement {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const today = todayInVietnam();
  const asked = pupilConsentAsked(pupil.resident.birthDate, today);
  const guardianOnRecord = pupil.consent?.guardianName ?? '';
  const { register, handleSubmit, formState, setError, setFocus } = useForm<
    z.input<typeof screeningConsentSchema>,
    unknown,
    ScreeningConsent
  >({
    resolver: zodResolver(screeningConsentSchema),
    defaultValues: {
      guardian: false,
      guardianName: guardianOnRecord,
      pupil: asked ? false : null,
      recordedOn: today,
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => setFocus('guardianName'), [setFocus]);
  const onSubmit = handleSubmit(async (consent) => {
    setFailure(null);
    const result = await call('enrolment.setConsent', {
      classId,
      residentId: pupil.resident.id,
      consent,
    });
    if (result.ok) onSaved(consent);
    else if (applyServerIssues(result.error, setError, ['consent']) === 0) {
      setFailure(t(`errors.${result.error.code}`));
    }
  });
  return (
    <FormDialog
      title={t('school.consent.title', { name: pupil.resident.fullName })}
      onClose={onClose}
      formId="school-consent"
      submitting={formState.isSubmitting}
      submitLabel={t('school.consent.save')}
    >
      <form
        id="school-consent"
        className="consent-form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
      >
        <p className="banner banner--info">{t('school.consent.purpose')}</p>
        <TextInputField
          label={t('school.consent.guardianName')}
          registration={register('guardianName')}
          error={formState.errors.guardianName?.message}
        />
        <label className="consent-form__tick">
          <input type="checkbox" {...register('guardian')} /> {t('school.consent.guardianAgrees')}
        </label>
        {asked ? (
          <label className="consent-form__tick">
            <input type="checkbox" {...register('pupil')} /> {t('school.consent.pupilAgrees')}
          </label>
        ) : (
          <p className="muted">{t('school.consent.underSeven')}</p>
        )}
        {formState.errors.pupil?.message ? (
          <p className="field__error" role="alert">
            {issueText(formState.errors.pupil.message)}
          </p>
        ) : null}
        {failure ? (
          <p className="banner banner--error" role="alert">
            {failure}
          </p>
        ) : null}
      </form>
    </FormDialog>
  );
}
