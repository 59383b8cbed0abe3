import type { ReactElement, ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { DateInput } from './DateInput';
import { Field } from './Field';

/**
 * A labelled dd/mm/yyyy date bound to a react-hook-form field. `emptyAs` is what a blank date
 * becomes in the form's values: '' (most schemas) or null (optional bounds such as an export's
 * "from" date).
 */
export function DateField<T extends FieldValues>({
  control,
  name,
  label,
  error,
  hint,
  required,
  emptyAs = '',
}: {
  control: Control<T>;
  name: FieldPath<T>;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  emptyAs?: '' | null;
}): ReactElement {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <Controller
          control={control}
          name={name}
          render={({ field }) => (
            <DateInput
              id={id}
              name={field.name}
              value={(field.value as string | null | undefined) ?? ''}
              onChange={(value) => field.onChange(value === '' ? emptyAs : value)}
              onBlur={field.onBlur}
              describedBy={describedBy}
              invalid={invalid}
            />
          )}
        />
      )}
    </Field>
  );
}
