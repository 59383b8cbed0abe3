import type { ReactElement, ReactNode } from 'react';
import {
  Controller,
  get,
  useFormContext,
  useFormState,
  type ControllerRenderProps,
  type FieldError,
  type Path,
  type RegisterOptions,
} from 'react-hook-form';
import { DateInput } from '../../components/DateInput';
import { Field, type FieldIds } from '../../components/Field';
import { TextInputField } from '../../components/TextInputField';
import { useIssueText } from '../../components/issue-text';
import type { DeclarationFormValues } from './form-values';
import { NumberInput } from './NumberInput';

export type FieldName = Path<DeclarationFormValues>;
type Options = RegisterOptions<DeclarationFormValues, FieldName>;

/** The field's current error key (`validation.…`), for fields not bound through a Controller. */
export function useFieldError(name: FieldName): string | undefined {
  const { errors } = useFormState<DeclarationFormValues>({ name });
  return (get(errors, name) as FieldError | undefined)?.message;
}

interface CommonProps {
  name: FieldName;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  required?: boolean;
  disabled?: boolean;
  /** Fields whose rules read this one, re-checked when it changes (after a first submit). */
  deps?: FieldName[];
}

export function TextField({
  name,
  label,
  hint,
  className,
  required,
  disabled,
  deps,
  placeholder,
  onChange,
}: CommonProps & { placeholder?: string; onChange?: Options['onChange'] }): ReactElement {
  const { register } = useFormContext<DeclarationFormValues>();
  const error = useFieldError(name);
  return (
    <TextInputField
      label={label}
      hint={hint}
      error={error}
      fieldClassName={className}
      required={required}
      autoComplete="off"
      placeholder={placeholder}
      disabled={disabled}
      registration={register(name, { deps, onChange })}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  name,
  label,
  hint,
  className,
  required,
  disabled,
  deps,
  options,
  placeholder,
  onChange,
}: CommonProps & {
  options: Option[];
  placeholder?: string;
  onChange?: Options['onChange'];
}): ReactElement {
  const { register } = useFormContext<DeclarationFormValues>();
  const error = useFieldError(name);
  return (
    <Field label={label} hint={hint} error={error} className={className} required={required}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input"
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...register(name, { deps, onChange })}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A Field around a control bound through a Controller (number and date inputs), with its error. */
function ControlledField({
  name,
  label,
  hint,
  className,
  required,
  deps,
  children,
}: Omit<CommonProps, 'disabled'> & {
  children: (
    field: ControllerRenderProps<DeclarationFormValues, FieldName>,
    ids: FieldIds,
  ) => ReactElement;
}): ReactElement {
  const { control } = useFormContext<DeclarationFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      rules={deps ? { deps } : {}}
      render={({ field, fieldState }) => (
        <Field
          label={label}
          hint={hint}
          error={fieldState.error?.message}
          className={className}
          required={required}
        >
          {(ids) => children(field, ids)}
        </Field>
      )}
    />
  );
}

export function NumberField({
  disabled,
  decimal,
  ...common
}: CommonProps & { decimal?: boolean }): ReactElement {
  return (
    <ControlledField {...common}>
      {(field, { id, describedBy, invalid }) => (
        <NumberInput
          id={id}
          name={field.name}
          inputRef={field.ref}
          value={field.value as number | null | undefined}
          onChange={field.onChange}
          onBlur={field.onBlur}
          describedBy={describedBy}
          invalid={invalid}
          disabled={disabled}
          decimal={decimal}
        />
      )}
    </ControlledField>
  );
}

export function DateField(common: CommonProps): ReactElement {
  return (
    <ControlledField {...common}>
      {(field, { id, describedBy, invalid }) => (
        <DateInput
          id={id}
          name={field.name}
          value={(field.value as string | undefined) ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          describedBy={describedBy}
          invalid={invalid}
        />
      )}
    </ControlledField>
  );
}

/** A checkbox with its label after it, and its error (e.g. consent refused) below. */
export function CheckField({
  name,
  label,
  hint,
  className,
  disabled,
  deps,
  onChange,
}: CommonProps & { onChange?: Options['onChange'] }): ReactElement {
  const { register } = useFormContext<DeclarationFormValues>();
  const error = useFieldError(name);
  const issueText = useIssueText();
  const id = `decl-${name.replace(/\./g, '-')}`;
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={`decl-check${error ? ' decl-check--invalid' : ''}${className ? ` ${className}` : ''}`}
    >
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          disabled={disabled}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          {...register(name, { deps, onChange })}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="field__hint decl-check__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field__error" role="alert">
          {issueText(error)}
        </span>
      ) : null}
    </div>
  );
}
