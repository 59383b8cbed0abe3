import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { splitMessageKey } from '../../src-shared/schemas/messages';
import type { AppError } from '../../src-shared/ipc/errors';

/** Turns a validation key (`validation.maxLength:100`) into the user's language. */
export function useIssueText(): (message: string | undefined) => string {
  const { t } = useTranslation();
  return (message) => {
    if (!message) return '';
    const { key, value } = splitMessageKey(message);
    return key.startsWith('validation.') ? t(key, { value }) : message;
  };
}

/**
 * Puts the main side's field issues next to their fields. `prefix` is the part of the IPC
 * path the form does not have (e.g. `resident` in `resident.create`'s input).
 * Returns how many issues found a field.
 */
export function applyServerIssues<T extends FieldValues>(
  error: AppError,
  setError: UseFormSetError<T>,
  prefix: string[] = [],
): number {
  let placed = 0;
  for (const issue of error.issues ?? []) {
    const path = issue.path.map(String);
    const matches = prefix.every((p, i) => path[i] === p);
    if (!matches) continue;
    const field = path.slice(prefix.length).join('.');
    if (field === '') continue;
    setError(
      field as Path<T>,
      { type: 'server', message: issue.message },
      { shouldFocus: placed === 0 },
    );
    placed += 1;
  }
  return placed;
}
