import type { InputHTMLAttributes, ReactElement, ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from './Field';

interface TextInputFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'name' | 'onChange' | 'onBlur' | 'ref'
> {
  label: ReactNode;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  /** Class of the field wrapper (grid spans); the input keeps `input` plus `inputClassName`. */
  fieldClassName?: string;
  inputClassName?: string;
}

/** A labelled text input registered with react-hook-form, its hint and its translated error. */
export function TextInputField({
  label,
  registration,
  error,
  hint,
  required,
  fieldClassName,
  inputClassName,
  ...inputProps
}: TextInputFieldProps): ReactElement {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={inputClassName ? `input ${inputClassName}` : 'input'}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...inputProps}
          {...registration}
        />
      )}
    </Field>
  );
}
