import { useId, type ReactElement, type ReactNode } from 'react';
import {
  Controller,
  useFieldArray,
  useFormContext,
  useWatch,
  type RefCallBack,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checkPersonalId, PERSONAL_ID_PATTERN } from '../../../../src-shared/domain/personal-id';
import { COMMUNES, HCMC_COMMUNES } from '../../../../src-shared/reference/admin-units';
import { ETHNICITIES } from '../../../../src-shared/reference/ethnicities';
import { RELATIONSHIPS, SEX_CODES, type Resident } from '../../../../src-shared/schemas/resident';
import { CommuneSelect } from '../../../components/CommuneSelect';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { TextInputField } from '../../../components/TextInputField';
import { useIssueText } from '../../../components/issue-text';
import { ageToday, useNationalityOptions } from '../resident-display';
import {
  emptyRelation,
  MAX_PHONES,
  MAX_RELATIONS,
  type ResidentFormValues,
} from '../resident-form-values';

/** A resident's or a relation's phone number. */
const PHONE_INPUT = {
  type: 'tel',
  inputClassName: 'input--code',
  inputMode: 'tel',
  autoComplete: 'off',
  maxLength: 20,
} as const;

function useResidentForm() {
  return useFormContext<ResidentFormValues, unknown, Resident>();
}

/**
 * DateInput and CommuneSelect do not take a ref; this hands their input to react-hook-form
 * so that a failed submit can focus them like any other field.
 */
function FocusTarget({
  fieldRef,
  children,
}: {
  fieldRef: RefCallBack;
  children: ReactNode;
}): ReactElement {
  return (
    <div
      className="registry-focus-target"
      ref={(element) => fieldRef(element?.querySelector('input') ?? null)}
    >
      {children}
    </div>
  );
}

function SexChoice(): ReactElement {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const { register, formState } = useResidentForm();
  const labelId = useId();
  const errorId = useId();
  const error = formState.errors.sex?.message;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <span id={labelId} className="field__label">
        {t('registry.fields.sex')}
        <span className="field__required" aria-hidden="true">
          {' '}
          *
        </span>
      </span>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={error ? errorId : undefined}
        aria-required="true"
        aria-invalid={error ? true : undefined}
        className="registry-choices"
      >
        {SEX_CODES.map((code) => (
          <label key={code} className="check registry-choice">
            <input type="radio" value={code} {...register('sex')} />
            {t(`common.sex.${code}`)}
          </label>
        ))}
      </div>
      {error ? (
        <span id={errorId} className="field__error" role="alert">
          {issueText(error)}
        </span>
      ) : null}
    </div>
  );
}

function IdentitySection(): ReactElement {
  const { t } = useTranslation();
  const { register, control, formState } = useResidentForm();
  const errors = formState.errors;
  const nationalities = useNationalityOptions();
  const birthDate = useWatch({ control, name: 'birthDate' });
  const age = birthDate ? ageToday(birthDate) : null;
  return (
    <fieldset className="section">
      <legend>{t('registry.form.sections.identity')}</legend>
      <div className="grid grid--4">
        <TextInputField
          label={t('registry.fields.fullName')}
          error={errors.fullName?.message}
          required
          fieldClassName="span-2"
          inputClassName="registry-input--name"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          registration={register('fullName')}
        />
        <SexChoice />
        <Field
          label={t('registry.fields.birthDate')}
          error={errors.birthDate?.message}
          hint={age !== null && age >= 0 ? t('registry.age', { age }) : undefined}
          required
        >
          {({ id, describedBy, invalid }) => (
            <Controller
              control={control}
              name="birthDate"
              render={({ field }) => (
                <FocusTarget fieldRef={field.ref}>
                  <DateInput
                    id={id}
                    name={field.name}
                    value={field.value ?? ''}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    describedBy={describedBy}
                    invalid={invalid}
                  />
                </FocusTarget>
              )}
            />
          )}
        </Field>
        <Field label={t('registry.fields.ethnicity')} error={errors.ethnicity?.message}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              {...register('ethnicity')}
            >
              {ETHNICITIES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('registry.fields.nationality')} error={errors.nationality?.message}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              {...register('nationality')}
            >
              {nationalities.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextInputField
          label={t('registry.fields.religion')}
          error={errors.religion?.message}
          autoComplete="off"
          maxLength={60}
          registration={register('religion')}
        />
        <TextInputField
          label={t('registry.fields.occupation')}
          error={errors.occupation?.message}
          autoComplete="off"
          maxLength={100}
          registration={register('occupation')}
        />
      </div>
    </fieldset>
  );
}

function IdentifiersSection({ temporaryId }: { temporaryId: string }): ReactElement {
  const { t } = useTranslation();
  const { register, control, formState } = useResidentForm();
  const errors = formState.errors;
  const [personalId, birthDate, sex] = useWatch({
    control,
    name: ['personalId', 'birthDate', 'sex'],
  });
  // The sex digit disagreeing with the chosen sex is worth a second look, never a refusal.
  const sexMismatch =
    typeof personalId === 'string' &&
    PERSONAL_ID_PATTERN.test(personalId) &&
    checkPersonalId(personalId, birthDate || undefined, sex ?? undefined).warnings.includes(
      'personalId.sexMismatch',
    );
  return (
    <fieldset className="section">
      <legend>{t('registry.form.sections.identifiers')}</legend>
      <div className="grid grid--4">
        <TextInputField
          label={t('registry.fields.personalId')}
          error={errors.personalId?.message}
          hint={
            sexMismatch ? (
              <span className="registry-warning" role="status">
                {t('validation.personalId.sexMismatch')}
              </span>
            ) : (
              t('registry.hints.personalId')
            )
          }
          inputClassName="input--code"
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          registration={register('personalId', {
            setValueAs: (v: string) => v.replace(/[\s.]/g, ''),
          })}
        />
        <div className="field registry-field--check">
          <label className="check">
            <input type="checkbox" {...register('noPapers')} />
            {t('registry.fields.noPapers')}
          </label>
          <span className="field__hint">
            {temporaryId
              ? t('registry.hints.temporaryIdIssued', { id: temporaryId })
              : t('registry.hints.noPapers')}
          </span>
        </div>
        <TextInputField
          label={t('registry.fields.cmnd')}
          error={errors.cmnd?.message}
          hint={t('registry.hints.cmnd')}
          inputClassName="input--code"
          inputMode="numeric"
          autoComplete="off"
          maxLength={9}
          registration={register('cmnd')}
        />
        <TextInputField
          label={t('registry.fields.bhyt')}
          error={errors.bhyt?.message}
          hint={t('registry.hints.bhyt')}
          inputClassName="input--code registry-input--upper"
          autoComplete="off"
          maxLength={20}
          registration={register('bhyt')}
        />
      </div>
    </fieldset>
  );
}

function ContactSection(): ReactElement {
  const { t } = useTranslation();
  const { register, control, formState, setFocus } = useResidentForm();
  const errors = formState.errors;
  const { fields, append, remove } = useFieldArray({ control, name: 'phones' });
  const removeRow = (index: number): void => {
    remove(index);
    // The removed row held the focus; give it to the row above once the list has re-rendered.
    window.setTimeout(() => setFocus(`phones.${Math.max(index - 1, 0)}.number`), 0);
  };
  return (
    <fieldset className="section">
      <legend>{t('registry.form.sections.contact')}</legend>
      <div className="grid grid--4">
        {fields.map((row, index) => (
          <div key={row.id} className="registry-array-row">
            <TextInputField
              label={
                index === 0
                  ? t('registry.fields.phone')
                  : t('registry.fields.phoneN', { n: index + 1 })
              }
              error={errors.phones?.[index]?.number?.message}
              {...PHONE_INPUT}
              registration={register(`phones.${index}.number`)}
            />
            {fields.length > 1 ? (
              <button
                type="button"
                className="button button--small button--ghost registry-remove"
                aria-label={t('registry.actions.removePhone', { n: index + 1 })}
                onClick={() => removeRow(index)}
              >
                {t('registry.actions.remove')}
              </button>
            ) : null}
          </div>
        ))}
        <div className="registry-array-add">
          {fields.length < MAX_PHONES ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => append({ number: '' })}
            >
              {t('registry.actions.addPhone')}
            </button>
          ) : (
            <span className="muted">{t('registry.hints.maxPhones', { max: MAX_PHONES })}</span>
          )}
        </div>
      </div>
      {(errors.phones?.root?.message ?? errors.phones?.message) ? (
        <p className="field__error" role="alert">
          {t('registry.hints.maxPhones', { max: MAX_PHONES })}
        </p>
      ) : null}
    </fieldset>
  );
}

function AddressSections(): ReactElement {
  const { t } = useTranslation();
  const { register, control, formState } = useResidentForm();
  const errors = formState.errors;
  const sameAsCurrent = useWatch({ control, name: 'permanentSameAsCurrent' });
  return (
    <>
      <fieldset className="section">
        <legend>{t('registry.form.sections.currentAddress')}</legend>
        <div className="grid grid--2">
          <Field
            label={t('registry.fields.commune')}
            error={errors.currentAddress?.communeCode?.message}
            required
          >
            {({ id, describedBy, invalid }) => (
              <Controller
                control={control}
                name="currentAddress.communeCode"
                render={({ field }) => (
                  <FocusTarget fieldRef={field.ref}>
                    <CommuneSelect
                      id={id}
                      value={field.value ?? ''}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      communes={HCMC_COMMUNES}
                      describedBy={describedBy}
                      invalid={invalid}
                    />
                  </FocusTarget>
                )}
              />
            )}
          </Field>
          <TextInputField
            label={t('registry.fields.street')}
            error={errors.currentAddress?.street?.message}
            autoComplete="off"
            maxLength={200}
            registration={register('currentAddress.street')}
          />
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>{t('registry.form.sections.permanentAddress')}</legend>
        <label className="check">
          <input type="checkbox" {...register('permanentSameAsCurrent')} />
          {t('registry.fields.permanentSameAsCurrent')}
        </label>
        {sameAsCurrent === false ? (
          <div className="grid grid--2 registry-permanent">
            <Field
              label={t('registry.fields.permanentCommune')}
              error={errors.permanentAddress?.communeCode?.message}
              hint={t('registry.hints.permanentCommune')}
            >
              {({ id, describedBy, invalid }) => (
                <Controller
                  control={control}
                  name="permanentAddress.communeCode"
                  render={({ field }) => (
                    <FocusTarget fieldRef={field.ref}>
                      <CommuneSelect
                        id={id}
                        value={field.value ?? ''}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        communes={COMMUNES}
                        withProvince
                        describedBy={describedBy}
                        invalid={invalid}
                      />
                    </FocusTarget>
                  )}
                />
              )}
            </Field>
            <TextInputField
              label={t('registry.fields.permanentStreet')}
              error={errors.permanentAddress?.street?.message}
              autoComplete="off"
              maxLength={200}
              registration={register('permanentAddress.street')}
            />
          </div>
        ) : null}
      </fieldset>
    </>
  );
}

function RelationsSection(): ReactElement {
  const { t } = useTranslation();
  const { register, control, formState, setFocus } = useResidentForm();
  const errors = formState.errors;
  const { fields, append, remove } = useFieldArray({ control, name: 'relations' });
  const addId = useId();
  const removeRow = (index: number): void => {
    remove(index);
    window.setTimeout(() => {
      if (fields.length > 1) setFocus(`relations.${Math.max(index - 1, 0)}.fullName`);
      else document.getElementById(addId)?.focus();
    }, 0);
  };
  return (
    <fieldset className="section">
      <legend>{t('registry.form.sections.relations')}</legend>
      {fields.length === 0 ? <p className="muted">{t('registry.form.noRelations')}</p> : null}
      {fields.map((row, index) => {
        const rowErrors = errors.relations?.[index];
        return (
          <fieldset key={row.id} className="registry-relation">
            <legend className="registry-relation__legend">
              {t('registry.form.relationN', { n: index + 1 })}
            </legend>
            <div className="registry-relation__grid">
              <TextInputField
                label={t('registry.fields.relationName')}
                error={rowErrors?.fullName?.message}
                required
                autoComplete="off"
                maxLength={100}
                registration={register(`relations.${index}.fullName`)}
              />
              <Field
                label={t('registry.fields.relationship')}
                error={rowErrors?.relationship?.message}
                required
              >
                {({ id, describedBy, invalid }) => (
                  <select
                    id={id}
                    className="input"
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    {...register(`relations.${index}.relationship`)}
                  >
                    <option value="">{t('registry.form.choose')}</option>
                    {RELATIONSHIPS.map((code) => (
                      <option key={code} value={code}>
                        {t(`registry.relationship.${code}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextInputField
                label={t('registry.fields.relationPhone')}
                error={rowErrors?.phone?.message}
                {...PHONE_INPUT}
                registration={register(`relations.${index}.phone`)}
              />
              <label className="check registry-relation__guardian">
                <input type="checkbox" {...register(`relations.${index}.isGuardian`)} />
                {t('registry.fields.isGuardian')}
              </label>
              <button
                type="button"
                className="button button--small button--ghost registry-remove"
                aria-label={t('registry.actions.removeRelation', { n: index + 1 })}
                onClick={() => removeRow(index)}
              >
                {t('registry.actions.remove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="registry-array-add">
        {fields.length < MAX_RELATIONS ? (
          <button
            id={addId}
            type="button"
            className="button button--small"
            onClick={() => append(emptyRelation())}
          >
            {t('registry.actions.addRelation')}
          </button>
        ) : (
          <span className="muted">{t('registry.hints.maxRelations', { max: MAX_RELATIONS })}</span>
        )}
      </div>
    </fieldset>
  );
}

/** The administrative part of the personal health record (QĐ 831/QĐ-BYT part 1). */
export function ResidentFormFields({ temporaryId }: { temporaryId: string }): ReactElement {
  return (
    <>
      <IdentitySection />
      <IdentifiersSection temporaryId={temporaryId} />
      <ContactSection />
      <AddressSections />
      <RelationsSection />
    </>
  );
}
