import type { ReactElement } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CONSENT_PURPOSES } from '../../../../src-shared/reference/declaration-codes';
import { formatInstantInVietnam } from '../../../../src-shared/domain/dates';
import type { ConsentPurpose } from '../../../../src-shared/schemas/subject-rights';
import { CheckField, TextField } from '../fields';
import type { DeclarationFormValues } from '../form-values';

interface ConsentSectionProps {
  /** Age in completed years, for the hint on who consents for a child. */
  age: number | null;
  /** The version the ticks were carried over from, when editing a submitted declaration. */
  carriedFrom: { version: number; at: string } | null;
  /** Purposes she withdrew (data-subject rights screen); their boxes start unticked. */
  withdrawn?: readonly ConsentPurpose[];
}

/**
 * Consent under the Personal Data Protection Law (91/2025/QH15) and Decree 356/2025: the
 * resident is told that health data is sensitive personal data and how it will be used, then
 * agrees purpose by purpose. Nothing here is ticked by the program; keeping the record at the
 * station is the one purpose without which the declaration cannot be stored.
 */
export function ConsentSection({
  age,
  carriedFrom,
  withdrawn = [],
}: ConsentSectionProps): ReactElement {
  const { t } = useTranslation();
  const { register } = useFormContext<DeclarationFormValues>();
  const givenBy = useWatch<DeclarationFormValues>({ name: 'consent.givenBy' });
  return (
    <fieldset className="section decl-section decl-consent">
      <legend>{t('declaration.sections.consent')}</legend>
      <div className="decl-consent__statement" id="decl-consent-statement">
        <p>
          <strong>{t('declaration.consent.sensitive')}</strong>
        </p>
        <p>{t('declaration.consent.use')}</p>
        <p>{t('declaration.consent.rights')}</p>
        <p className="muted">{t('declaration.consent.readAloud')}</p>
      </div>
      {carriedFrom ? (
        <p className="banner banner--info">
          {t('declaration.consent.carriedOver', {
            version: carriedFrom.version,
            time: formatInstantInVietnam(carriedFrom.at),
          })}
        </p>
      ) : null}
      <div className="decl-consent__purposes">
        {CONSENT_PURPOSES.map((purpose) => (
          <CheckField
            key={purpose}
            name={`consent.${purpose}`}
            label={t(`declaration.consent.purpose.${purpose}`)}
            hint={
              withdrawn.includes(purpose)
                ? t('subject.declaration.withdrawn')
                : t(`declaration.consent.purposeHint.${purpose}`)
            }
          />
        ))}
      </div>
      <fieldset className="decl-consent__by">
        <legend className="field__label">{t('declaration.consent.givenBy')}</legend>
        <div className="checks">
          <label className="check">
            <input
              type="radio"
              value="self"
              {...register('consent.givenBy', { deps: ['consent.representativeName'] })}
            />
            <span>{t('declaration.consent.self')}</span>
          </label>
          <label className="check">
            <input
              type="radio"
              value="representative"
              {...register('consent.givenBy', { deps: ['consent.representativeName'] })}
            />
            <span>{t('declaration.consent.representative')}</span>
          </label>
        </div>
        {age !== null && age < 18 ? (
          <p className="field__hint">{t('declaration.consent.minorHint')}</p>
        ) : null}
      </fieldset>
      {givenBy === 'representative' ? (
        <div className="grid grid--3">
          <TextField
            name="consent.representativeName"
            label={t('declaration.consent.representativeName')}
            required
          />
          <TextField
            name="consent.representativeRelationship"
            label={t('declaration.consent.representativeRelationship')}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
