import type { ReactElement } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { codeOptions } from '../codes';
import { SelectField, TextField } from '../fields';
import { newDisease, type DeclarationFormValues } from '../form-values';
import { RowGroup, RowsFieldset } from '../RowsFieldset';
import { listError } from './list-error';

/** QĐ 831 part 2, "Tiền sử bệnh tật của bản thân": the 15 listed diseases, 15 = other. */
export function DiseasesSection(): ReactElement {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<DeclarationFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'diseases' });
  const diseases = codeOptions(t, 'disease');
  const add = (): void => append(newDisease(), { focusName: `diseases.${fields.length}.code` });
  return (
    <RowsFieldset
      legend={t('declaration.sections.diseases')}
      addLabel={t('declaration.diseases.add')}
      onAdd={add}
      count={fields.length}
      emptyText={t('declaration.diseases.empty')}
      columns={[t('declaration.diseases.code'), t('declaration.diseases.note')]}
      hint={t('declaration.diseases.noteHint')}
      layout="decl-table--diseases"
      error={listError(formState.errors, 'diseases')}
    >
      {fields.map((row, index) => (
        <RowGroup
          key={row.id}
          index={index}
          label={t('declaration.diseases.row', { n: index + 1 })}
          onRemove={() => remove(index)}
        >
          <SelectField
            name={`diseases.${index}.code`}
            label={t('declaration.diseases.code')}
            options={diseases}
            placeholder={t('declaration.choose')}
            deps={[`diseases.${index}.note`]}
            required
          />
          <TextField name={`diseases.${index}.note`} label={t('declaration.diseases.note')} />
        </RowGroup>
      ))}
    </RowsFieldset>
  );
}
