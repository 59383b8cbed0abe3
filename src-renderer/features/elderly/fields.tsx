import type { ReactElement, ReactNode } from 'react';
import { Controller, useFormContext, type FieldErrors, type FieldPath } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { NumberInput } from '../declaration/NumberInput';
import type { ElderlyFormValues } from './form-values';

type Path = FieldPath<ElderlyFormValues>;

/** The error message at a dotted path, if any; the handler's own keys are translated here. */
export function errorAtPath(
  errors: FieldErrors<ElderlyFormValues>,
  path: string,
  t: TFunction,
): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  const message = (node as { message?: string } | undefined)?.message;
  return message?.startsWith('elderly.') ? t(message) : message;
}

/** errorAtPath for fields inside the screening's FormProvider. */
export function useFieldError(): (path: string) => string | undefined {
  const { t } = useTranslation();
  const { formState } = useFormContext<ElderlyFormValues>();
  return (path) => errorAtPath(formState.errors, path, t);
}

export function NumberField({
  name,
  label,
  unit,
  decimal = false,
}: {
  name: Path;
  label: ReactNode;
  unit?: string;
  decimal?: boolean;
}): ReactElement {
  const { control } = useFormContext<ElderlyFormValues>();
  const errorAt = useFieldError();
  return (
    <Field label={label} error={errorAt(name)} className="elderly-number">
      {(ids) => (
        <span className="elderly-number__control">
          <Controller
            control={control}
            name={name}
            render={({ field }) => (
              <NumberInput
                id={ids.id}
                name={field.name}
                value={field.value as number | null}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                describedBy={ids.describedBy}
                invalid={ids.invalid}
                decimal={decimal}
              />
            )}
          />
          {unit ? <span className="elderly-unit">{unit}</span> : null}
        </span>
      )}
    </Field>
  );
}

export function TextField({
  name,
  label,
  className,
  maxLength,
}: {
  name: Path;
  label: ReactNode;
  className?: string;
  maxLength?: number;
}): ReactElement {
  const { register } = useFormContext<ElderlyFormValues>();
  const errorAt = useFieldError();
  return (
    <Field label={label} error={errorAt(name)} className={className}>
      {(ids) => (
        <input
          id={ids.id}
          className="input"
          autoComplete="off"
          maxLength={maxLength}
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid || undefined}
          {...register(name)}
        />
      )}
    </Field>
  );
}

/** A select whose blank choice is null in the form (a class not given, a kind not said). */
export function NullableSelect({
  name,
  label,
  options,
  numeric = false,
  blank,
}: {
  name: Path;
  label: ReactNode;
  options: readonly { value: string | number; label: string }[];
  numeric?: boolean;
  blank: string;
}): ReactElement {
  const { register } = useFormContext<ElderlyFormValues>();
  const errorAt = useFieldError();
  return (
    <Field label={label} error={errorAt(name)}>
      {(ids) => (
        <select
          id={ids.id}
          className="input"
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid || undefined}
          {...register(name, {
            setValueAs: (v: unknown) =>
              v === '' || v === null || v === undefined ? null : numeric ? Number(v) : v,
          })}
        >
          <option value="">{blank}</option>
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
