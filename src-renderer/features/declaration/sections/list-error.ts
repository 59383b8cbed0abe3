import { get, type FieldErrors } from 'react-hook-form';
import type { DeclarationFormValues } from '../form-values';

/** A rule on a whole list: zodResolver files it under `root` for a field array, else on the list. */
export function listError(
  errors: FieldErrors<DeclarationFormValues>,
  name: string,
): string | undefined {
  const entry = get(errors, name) as
    { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = entry?.root?.message ?? entry?.message;
  return typeof message === 'string' ? message : undefined;
}
