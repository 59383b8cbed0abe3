import { z } from 'zod';
import { CHILD_BP_TABLE_CHOICES } from '../clinical/paediatric-bp';
import { isHcmcCommune } from '../reference/admin-units';
import { ROLES } from '../domain/roles';
import { MESSAGE_KEY } from './messages';
import { personName, text } from './primitives';

/** 5-character health facility code issued to the station (letters and digits). */
export const FACILITY_CODE_PATTERN = /^[A-Z0-9]{5}$/;

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

/**
 * Password policy: at least 10 characters with a letter and a digit. Long passphrases are
 * welcome; 128 characters bounds the work the hash does on hostile input.
 */
export const passwordSchema = z
  .string()
  .min(10, 'validation.password.length')
  .max(128)
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), 'validation.password.mix');

export const stationSchema = z.object({
  communeCode: z
    .string()
    .min(1, MESSAGE_KEY.required)
    .refine(isHcmcCommune, MESSAGE_KEY.communeNotInCity),
  name: text(120).min(1, MESSAGE_KEY.required),
  facilityCode: z
    .string()
    .overwrite((s) => s.trim().toUpperCase())
    .refine((s) => FACILITY_CODE_PATTERN.test(s), 'validation.facilityCode'),
});
export type Station = z.output<typeof stationSchema>;

export const stationRecordSchema = stationSchema.extend({
  id: z.string(),
  createdAt: z.string(),
});

export const usernameSchema = z
  .string()
  .overwrite((s) => s.trim().toLowerCase())
  .refine((s) => USERNAME_PATTERN.test(s), 'validation.username');

export const setupSchema = z
  .object({
    station: stationSchema,
    administrator: z.object({
      fullName: personName,
      username: usernameSchema,
      password: passwordSchema,
      passwordConfirmation: z.string(),
    }),
  })
  .refine((s) => s.administrator.password === s.administrator.passwordConfirmation, {
    path: ['administrator', 'passwordConfirmation'],
    message: 'validation.password.confirmation',
  });
export type SetupInput = z.input<typeof setupSchema>;

export const signInSchema = z.object({
  username: z
    .string()
    .max(64)
    .overwrite((s) => s.trim().toLowerCase())
    .min(1, MESSAGE_KEY.required),
  password: z.string().min(1, MESSAGE_KEY.required).max(128),
});
export type SignInInput = z.input<typeof signInSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
});
export type User = z.output<typeof userSchema>;

/** Result of checking the audit trail's hash chain (at start-up, or on a supervisor's request). */
export const auditIntegritySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problem: z.enum(['edited', 'deleted', 'truncated']).nullable(),
  atSeq: z.number().int().nullable(),
  checkedAt: z.string(),
});
export type AuditIntegrity = z.output<typeof auditIntegritySchema>;

export const sessionSchema = z.object({
  user: userSchema,
  station: stationRecordSchema,
  /** Idle lock: the screen stays as it was, the password is needed to go on. */
  locked: z.boolean(),
  /** After an administrator's reset, nothing else until she chooses her own password. */
  mustChangePassword: z.boolean(),
  idleLockMinutes: z.number().int(),
  auditIntegrity: auditIntegritySchema,
});
export type Session = z.output<typeof sessionSchema>;

export const IDLE_LOCK_MINUTES = { default: 5, min: 1, max: 60 } as const;

export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max),
  /** Children's blood pressure: AAP 2017, or not classified (docs/clinical.md). */
  childBloodPressureTable: z.enum(CHILD_BP_TABLE_CHOICES).default('aap2017'),
});
export type Settings = z.output<typeof settingsSchema>;

/** A settings change names only what it changes; the rest stays as the station had it. */
export const settingsUpdateSchema = z
  .object({
    idleLockMinutes: settingsSchema.shape.idleLockMinutes.optional(),
    childBloodPressureTable: z.enum(CHILD_BP_TABLE_CHOICES).optional(),
  })
  .strict();

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, MESSAGE_KEY.required).max(128),
    newPassword: passwordSchema,
    confirmation: z.string(),
  })
  .strict()
  // Passwords are hashed in NFC (src-main/services/passwords.ts): compare them the same way.
  .refine((c) => c.newPassword.normalize('NFC') === c.confirmation.normalize('NFC'), {
    path: ['confirmation'],
    message: 'validation.password.confirmation',
  })
  .refine((c) => c.newPassword.normalize('NFC') !== c.currentPassword.normalize('NFC'), {
    path: ['newPassword'],
    message: 'validation.password.unchanged',
  });

export const unlockSchema = z
  .object({ password: z.string().min(1, MESSAGE_KEY.required).max(128) })
  .strict();

export const accountSchema = userSchema.extend({
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number().int(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type Account = z.output<typeof accountSchema>;

export const createAccountSchema = z
  .object({
    fullName: personName,
    username: usernameSchema,
    role: z.enum(ROLES),
    /** A first password the person must change at her first sign-in. */
    temporaryPassword: passwordSchema,
  })
  .strict();
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const updateAccountSchema = z
  .object({
    id: z.string().min(1).max(64),
    fullName: personName,
    role: z.enum(ROLES),
    disabled: z.boolean(),
  })
  .strict();

export const resetPasswordSchema = z
  .object({ id: z.string().min(1).max(64), temporaryPassword: passwordSchema })
  .strict();
