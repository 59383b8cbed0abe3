import { useRef, type ChangeEvent, type ReactElement } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { codeOptions } from '../codes';
import { DateField, NumberField, SelectField, TextField } from '../fields';
import { newVaccination, type DeclarationFormValues } from '../form-values';
import { RowGroup, RowsFieldset } from '../RowsFieldset';
import { listError } from './list-error';

/**
 * QĐ 831 part 3, "Tiêm chủng": one line per dose (given 1 / not given 0 / does not remember
 * 99), typed straight from the vaccination booklet, so the line reads left to right in the
 * booklet's order and every cell is one Tab away.
 */
export function VaccinationsSection(): ReactElement {
  const { t } = useTranslation();
  const { control, formState, getValues, setValue } = useFormContext<DeclarationFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'vaccinations' });
  /** "Other" names put aside when the vaccine changes, by row id. */
  const keptOther = useRef(new Map<string, string>());
  const vaccines = codeOptions(t, 'vaccine');
  const statuses = codeOptions(t, 'vaccinationStatus');
  const add = (): void =>
    append(newVaccination(), { focusName: `vaccinations.${fields.length}.vaccine` });

  const onVaccine = (index: number, rowId: string) => (event: ChangeEvent<HTMLSelectElement>) => {
    const other = `vaccinations.${index}.vaccineOther` as const;
    if (event.target.value === 'OTHER') {
      const kept = keptOther.current.get(rowId);
      if (kept && !getValues(other)) setValue(other, kept, { shouldDirty: true });
    } else {
      const current = getValues(other);
      if (current) {
        keptOther.current.set(rowId, current);
        setValue(other, '', { shouldDirty: true });
      }
    }
  };

  return (
    <RowsFieldset
      legend={t('declaration.sections.vaccinations')}
      addLabel={t('declaration.vaccinations.add')}
      onAdd={add}
      count={fields.length}
      emptyText={t('declaration.vaccinations.empty')}
      columns={[
        t('declaration.vaccinations.vaccine'),
        t('declaration.vaccinations.vaccineOther'),
        t('declaration.vaccinations.dose'),
        t('declaration.vaccinations.status'),
        t('declaration.vaccinations.date'),
        t('declaration.vaccinations.reaction'),
        t('declaration.vaccinations.nextAppointment'),
      ]}
      layout="decl-table--vaccinations"
      error={listError(formState.errors, 'vaccinations')}
    >
      {fields.map((row, index) => (
        <RowGroup
          key={row.id}
          index={index}
          label={t('declaration.vaccinations.row', { n: index + 1 })}
          onRemove={() => {
            keptOther.current.delete(row.id);
            remove(index);
          }}
        >
          <SelectField
            name={`vaccinations.${index}.vaccine`}
            label={t('declaration.vaccinations.vaccine')}
            options={vaccines}
            placeholder={t('declaration.choose')}
            onChange={onVaccine(index, row.id)}
            deps={[`vaccinations.${index}.vaccineOther`]}
            required
          />
          <OtherVaccine index={index} />
          <NumberField
            name={`vaccinations.${index}.dose`}
            label={t('declaration.vaccinations.dose')}
          />
          <SelectField
            name={`vaccinations.${index}.status`}
            label={t('declaration.vaccinations.status')}
            options={statuses}
            deps={[`vaccinations.${index}.date`, `vaccinations.${index}.reaction`]}
            required
          />
          <DateField
            name={`vaccinations.${index}.date`}
            label={t('declaration.vaccinations.date')}
            deps={[`vaccinations.${index}.nextAppointment`]}
          />
          <TextField
            name={`vaccinations.${index}.reaction`}
            label={t('declaration.vaccinations.reaction')}
          />
          <DateField
            name={`vaccinations.${index}.nextAppointment`}
            label={t('declaration.vaccinations.nextAppointment')}
          />
        </RowGroup>
      ))}
    </RowsFieldset>
  );
}

/** The name of an unlisted vaccine; switched off (and out of the Tab order) otherwise. */
function OtherVaccine({ index }: { index: number }): ReactElement {
  const { t } = useTranslation();
  const vaccine = useWatch<DeclarationFormValues>({ name: `vaccinations.${index}.vaccine` });
  return (
    <TextField
      name={`vaccinations.${index}.vaccineOther`}
      label={t('declaration.vaccinations.vaccineOther')}
      disabled={vaccine !== 'OTHER'}
    />
  );
}
