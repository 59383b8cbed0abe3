import type { ReactElement } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { codeOptions } from '../codes';
import { SelectField, TextField } from '../fields';
import { newAllergy, type DeclarationFormValues } from '../form-values';
import { RowGroup, RowsFieldset } from '../RowsFieldset';
import { listError } from './list-error';

/** QĐ 831 part 2, "Dị ứng": kind (1 drug, 2 chemical/cosmetic, 3 food, 4 other), agent, reaction. */
export function AllergiesSection(): ReactElement {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<DeclarationFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'allergies' });
  const kinds = codeOptions(t, 'allergyKind');
  const add = (): void => append(newAllergy(), { focusName: `allergies.${fields.length}.kind` });
  return (
    <RowsFieldset
      legend={t('declaration.sections.allergies')}
      addLabel={t('declaration.allergies.add')}
      onAdd={add}
      count={fields.length}
      emptyText={t('declaration.allergies.empty')}
      columns={[
        t('declaration.allergies.kind'),
        t('declaration.allergies.agent'),
        t('declaration.allergies.description'),
      ]}
      layout="decl-table--allergies"
      error={listError(formState.errors, 'allergies')}
    >
      {fields.map((row, index) => (
        <RowGroup
          key={row.id}
          index={index}
          label={t('declaration.allergies.row', { n: index + 1 })}
          onRemove={() => remove(index)}
        >
          <SelectField
            name={`allergies.${index}.kind`}
            label={t('declaration.allergies.kind')}
            options={kinds}
          />
          <TextField
            name={`allergies.${index}.agent`}
            label={t('declaration.allergies.agent')}
            required
          />
          <TextField
            name={`allergies.${index}.description`}
            label={t('declaration.allergies.description')}
          />
        </RowGroup>
      ))}
    </RowsFieldset>
  );
}
