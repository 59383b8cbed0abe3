import type { ReactElement } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { NumberField, TextField } from '../fields';
import { newSurgery, type DeclarationFormValues } from '../form-values';
import { RowGroup, RowsFieldset } from '../RowsFieldset';
import { listError } from './list-error';

/** QĐ 831 part 2, "Tiền sử phẫu thuật": what, which year. */
export function SurgeriesSection(): ReactElement {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<DeclarationFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'surgeries' });
  const add = (): void =>
    append(newSurgery(), { focusName: `surgeries.${fields.length}.description` });
  return (
    <RowsFieldset
      legend={t('declaration.sections.surgeries')}
      addLabel={t('declaration.surgeries.add')}
      onAdd={add}
      count={fields.length}
      emptyText={t('declaration.surgeries.empty')}
      columns={[
        t('declaration.surgeries.description'),
        t('declaration.surgeries.year'),
        t('declaration.surgeries.note'),
      ]}
      layout="decl-table--surgeries"
      error={listError(formState.errors, 'surgeries')}
    >
      {fields.map((row, index) => (
        <RowGroup
          key={row.id}
          index={index}
          label={t('declaration.surgeries.row', { n: index + 1 })}
          onRemove={() => remove(index)}
        >
          <TextField
            name={`surgeries.${index}.description`}
            label={t('declaration.surgeries.description')}
            required
          />
          <NumberField name={`surgeries.${index}.year`} label={t('declaration.surgeries.year')} />
          <TextField name={`surgeries.${index}.note`} label={t('declaration.surgeries.note')} />
        </RowGroup>
      ))}
    </RowsFieldset>
  );
}
