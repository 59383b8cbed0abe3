import type { ReactElement } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { codeOptions } from '../codes';
import { SelectField, TextField } from '../fields';
import { newFamilyHistory, type DeclarationFormValues } from '../form-values';
import { RowGroup, RowsFieldset } from '../RowsFieldset';
import { listError } from './list-error';

/** QĐ 831 part 2, "Tiền sử gia đình": the same disease list, and which relative had it. */
export function FamilyHistorySection(): ReactElement {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<DeclarationFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'familyHistory' });
  const diseases = codeOptions(t, 'disease');
  const relatives = codeOptions(t, 'relative');
  const add = (): void =>
    append(newFamilyHistory(), { focusName: `familyHistory.${fields.length}.code` });
  return (
    <RowsFieldset
      legend={t('declaration.sections.familyHistory')}
      addLabel={t('declaration.familyHistory.add')}
      onAdd={add}
      count={fields.length}
      emptyText={t('declaration.familyHistory.empty')}
      columns={[
        t('declaration.familyHistory.code'),
        t('declaration.familyHistory.relative'),
        t('declaration.familyHistory.note'),
      ]}
      hint={t('declaration.diseases.noteHint')}
      layout="decl-table--family"
      error={listError(formState.errors, 'familyHistory')}
    >
      {fields.map((row, index) => (
        <RowGroup
          key={row.id}
          index={index}
          label={t('declaration.familyHistory.row', { n: index + 1 })}
          onRemove={() => remove(index)}
        >
          <SelectField
            name={`familyHistory.${index}.code`}
            label={t('declaration.familyHistory.code')}
            options={diseases}
            placeholder={t('declaration.choose')}
            deps={[`familyHistory.${index}.note`]}
            required
          />
          <SelectField
            name={`familyHistory.${index}.relative`}
            label={t('declaration.familyHistory.relative')}
            options={relatives}
            placeholder={t('declaration.choose')}
            required
          />
          <TextField
            name={`familyHistory.${index}.note`}
            label={t('declaration.familyHistory.note')}
          />
        </RowGroup>
      ))}
    </RowsFieldset>
  );
}
