import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { codeOptions } from '../codes';
import { NumberField, SelectField, TextField } from '../fields';

/** QĐ 831 part 2, "Tình trạng lúc sinh". */
export function BirthSection(): ReactElement {
  const { t } = useTranslation();
  const tri = codeOptions(t, 'triState');
  return (
    <fieldset className="section decl-section">
      <legend>{t('declaration.sections.birth')}</legend>
      <div className="grid grid--6">
        <SelectField
          name="birth.delivery"
          label={t('declaration.birth.delivery')}
          options={codeOptions(t, 'delivery')}
        />
        <SelectField name="birth.preterm" label={t('declaration.birth.preterm')} options={tri} />
        <SelectField name="birth.asphyxia" label={t('declaration.birth.asphyxia')} options={tri} />
        <NumberField name="birth.birthWeightG" label={t('declaration.birth.weight')} />
        <NumberField name="birth.birthLengthCm" label={t('declaration.birth.length')} decimal />
        <div />
        <TextField
          name="birth.congenitalDefects"
          label={t('declaration.birth.defects')}
          className="span-all"
        />
      </div>
    </fieldset>
  );
}
