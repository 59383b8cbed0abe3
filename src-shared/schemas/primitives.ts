import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates';
import { normaliseName } from '../domain/name-folding';
import { MESSAGE_KEY } from './messages';

/** Every free-text field has a bound: oversized input is refused, not truncated. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .overwrite((s) => s.normalize('NFC').trim());

export const optionalText = (max: number) => text(max).default('');

/** An ISO calendar date (`yyyy-mm-dd`) that exists. */
export const isoDate = z
  .string()
  .min(1, MESSAGE_KEY.required)
  .refine(isValidIsoDate, MESSAGE_KEY.date);

/** Optional date: '' means not given. */
export const optionalIsoDate = z
  .string()
  .refine((s) => s === '' || isValidIsoDate(s), MESSAGE_KEY.date)
  .default('');

export const personName = z
  .string()
  .overwrite(normaliseName)
  .min(1, MESSAGE_KEY.required)
  .max(100)
  .refine((s) => /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u.test(s), MESSAGE_KEY.name);

/** Optional whole number within bounds; null when not given (forms send null for blank). */
export const optionalCount = (max: number) =>
  z.number().int(MESSAGE_KEY.integer).min(0).max(max).nullable().default(null);

/** Workstation-created record ids are UUIDv7: time-ordered, never colliding between stations. */
export const recordId = z.uuid();
