import { z } from 'zod';

/**
 * Validation messages are translation keys, never English prose, so the renderer can show
 * them in Vietnamese or English and the main side can return them as stable data.
 * A key may carry one parameter after a colon: `validation.maxLength:100`.
 */
export const MESSAGE_KEY = {
  required: 'validation.required',
  invalid: 'validation.invalid',
  choice: 'validation.choice',
  date: 'validation.date',
  dateInFuture: 'validation.dateInFuture',
  dateTooOld: 'validation.dateTooOld',
  dateBeforeBirth: 'validation.dateBeforeBirth',
  integer: 'validation.integer',
  name: 'validation.name',
  phone: 'validation.phone',
  cmnd: 'validation.cmnd',
  bhyt: 'validation.bhyt',
  communeNotInCity: 'validation.communeNotInCity',
  commune: 'validation.commune',
} as const;

let installed = false;

/** Installs the key-producing error map for zod's built-in checks. Idempotent. */
export function installValidationMessages(): void {
  if (installed) return;
  installed = true;
  z.config({
    customError: (issue) => {
      switch (issue.code) {
        case 'invalid_type':
          if (issue.input === undefined || issue.input === null) return MESSAGE_KEY.required;
          // A number field left with text in it (forms hand over NaN).
          return issue.expected === 'number' ? 'validation.number' : 'validation.invalidType';
        case 'too_small': {
          const min = Number(issue.minimum);
          if (issue.origin === 'string')
            return min <= 1 ? MESSAGE_KEY.required : `validation.minLength:${min}`;
          if (issue.origin === 'array') return `validation.minItems:${min}`;
          return `validation.min:${min}`;
        }
        case 'too_big': {
          const max = Number(issue.maximum);
          if (issue.origin === 'string') return `validation.maxLength:${max}`;
          if (issue.origin === 'array') return `validation.maxItems:${max}`;
          return `validation.max:${max}`;
        }
        case 'invalid_format':
          return 'validation.format';
        case 'invalid_value':
          return MESSAGE_KEY.choice;
        case 'unrecognized_keys':
          return 'validation.unknownField';
        default:
          return MESSAGE_KEY.invalid;
      }
    },
  });
}

installValidationMessages();

/** Splits `validation.maxLength:100` into the key and its parameter for i18next. */
export function splitMessageKey(message: string): { key: string; value?: string } {
  const at = message.indexOf(':');
  return at < 0 ? { key: message } : { key: message.slice(0, at), value: message.slice(at + 1) };
}
