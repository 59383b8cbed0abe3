import { useRef, type ChangeEvent, type ChangeEventHandler, type ReactElement } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { codeOptions } from '../codes';
import { CheckField, NumberField, SelectField, TextField } from '../fields';
import type { DeclarationFormValues } from '../form-values';

const FACTORS = ['smoking', 'alcohol', 'drugs', 'physicalActivity'] as const;
type Factor = (typeof FACTORS)[number];
/** "Đã bỏ" describes a former smoker, drinker or drug user; it has no meaning for exercise. */
const WITH_QUIT: ReadonlySet<Factor> = new Set(['smoking', 'alcohol', 'drugs']);

/**
 * QĐ 831 part 2, "Yếu tố nguy cơ". The rules of the schema (an amount only for a current
 * user, "quit" only for someone who no longer uses) are made structural here: the amount is
 * switched off for "Không", "Đã bỏ" for "Có"/"Thường xuyên". What is cleared is kept aside
 * and comes back if the status is switched back, so a slip of the arrow key loses nothing.
 */
export function RiskFactorsSection(): ReactElement {
  const { t } = useTranslation();
  const { getValues, setValue } = useFormContext<DeclarationFormValues>();
  const kept = useRef(new Map<string, unknown>());

  const onStatus = (factor: Factor) => (event: ChangeEvent<HTMLSelectElement>) => {
    const amount = `riskFactors.${factor}.amount` as const;
    const quit = `riskFactors.${factor}.quit` as const;
    const options = { shouldDirty: true };
    if (event.target.value === '0') {
      const current = getValues(amount);
      if (current !== null && current !== undefined) {
        kept.current.set(amount, current);
        setValue(amount, null, options);
      }
      if (kept.current.get(quit) === true) setValue(quit, true, options);
      kept.current.delete(quit);
    } else {
      if (getValues(quit) === true) {
        kept.current.set(quit, true);
        setValue(quit, false, options);
      }
      const previous = kept.current.get(amount);
      if ((getValues(amount) ?? null) === null && typeof previous === 'number')
        setValue(amount, previous, options);
      kept.current.delete(amount);
    }
  };

  return (
    <fieldset className="section decl-section">
      <legend>{t('declaration.sections.riskFactors')}</legend>
      <div className="decl-risk">
        {FACTORS.map((factor) => (
          <RiskFactorRow key={factor} factor={factor} onStatus={onStatus(factor)} />
        ))}
      </div>
      <div className="grid grid--4 decl-gap-top">
        <TextField
          name="riskFactors.occupationalExposure"
          label={t('declaration.risk.occupationalExposure')}
          hint={t('declaration.risk.occupationalExposureHint')}
          className="span-2"
        />
        <NumberField name="riskFactors.exposureYears" label={t('declaration.risk.exposureYears')} />
        <SelectField
          name="riskFactors.latrine"
          label={t('declaration.risk.latrine')}
          options={codeOptions(t, 'latrine')}
        />
      </div>
    </fieldset>
  );
}

function RiskFactorRow({
  factor,
  onStatus,
}: {
  factor: Factor;
  onStatus: ChangeEventHandler<HTMLSelectElement>;
}): ReactElement {
  const { t } = useTranslation();
  const using = useWatch<DeclarationFormValues>({ name: `riskFactors.${factor}.status` }) !== '0';
  return (
    <div className="decl-risk__row">
      <SelectField
        name={`riskFactors.${factor}.status`}
        label={t(`declaration.risk.${factor}`)}
        options={codeOptions(t, 'riskStatus')}
        onChange={onStatus}
        deps={[`riskFactors.${factor}.amount`, `riskFactors.${factor}.quit`]}
      />
      <NumberField
        name={`riskFactors.${factor}.amount`}
        label={t(`declaration.risk.amount.${factor}`)}
        disabled={!using}
        decimal={factor === 'alcohol'}
      />
      {WITH_QUIT.has(factor) ? (
        <CheckField
          name={`riskFactors.${factor}.quit`}
          label={t('declaration.risk.quit')}
          disabled={using}
          className="decl-risk__quit"
        />
      ) : (
        <span />
      )}
    </div>
  );
}
