import { z } from 'zod';
import { todayInVietnam } from '../domain/dates';
import {
  ALLERGY_KINDS,
  CONSENT_PURPOSES,
  DELIVERY_MODES,
  DISABILITY_CODES,
  DISABILITY_OTHER,
  DISEASE_CODES,
  DISEASE_OTHER,
  LATRINE_TYPES,
  RELATIVES,
  RISK_STATUS,
  TRI_STATE,
  VACCINATION_STATUS,
  VACCINES,
} from '../reference/declaration-codes';
import { MESSAGE_KEY } from './messages';
import { optionalCount, optionalIsoDate, optionalText, recordId, text } from './primitives';
import { auditStampSchema } from './resident';

const required = (max: number) => text(max).min(1, MESSAGE_KEY.required);

/**
 * A risk factor with a quantity (QĐ 831 part 2: status 0 no / 1 yes / 2 regular, amount,
 * and "quit" for smoking, alcohol and drugs). Rules: a current user (1, 2) gives an amount;
 * someone who does not use (0) gives none; "quit" describes a former user, so it goes with 0.
 */
const riskFactor = (maxAmount: number, withQuit: boolean) =>
  z
    .object({
      status: z.enum(RISK_STATUS),
      amount: z.number().min(0).max(maxAmount).nullable().default(null),
      quit: z.boolean().default(false),
    })
    .superRefine((f, ctx) => {
      if (f.status !== '0' && f.amount === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'validation.risk.amountRequired',
        });
      }
      if (f.status === '0' && f.amount !== null) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'validation.risk.amountWithoutUse',
        });
      }
      if (f.quit && !withQuit) {
        ctx.addIssue({ code: 'custom', path: ['quit'], message: MESSAGE_KEY.invalid });
      }
      if (f.quit && f.status !== '0') {
        ctx.addIssue({ code: 'custom', path: ['quit'], message: 'validation.risk.quitButUsing' });
      }
    });

const notInFuture = (s: string) => s === '' || s <= todayInVietnam();

export const birthStatusSchema = z
  .object({
    delivery: z.enum(DELIVERY_MODES).default('unknown'),
    preterm: z.enum(TRI_STATE).default('unknown'),
    asphyxia: z.enum(TRI_STATE).default('unknown'),
    /** Grams; 300 g is below any live birth recorded here, 7000 g above. */
    birthWeightG: z.number().int(MESSAGE_KEY.integer).min(300).max(7000).nullable().default(null),
    birthLengthCm: z.number().min(20).max(70).nullable().default(null),
    congenitalDefects: optionalText(500),
  })
  .default({
    delivery: 'unknown',
    preterm: 'unknown',
    asphyxia: 'unknown',
    birthWeightG: null,
    birthLengthCm: null,
    congenitalDefects: '',
  });

export const riskFactorsSchema = z.object({
  /** Cigarettes a day. */
  smoking: riskFactor(200, true),
  /** Standard drinks a day. */
  alcohol: riskFactor(50, true),
  /** Times a week. */
  drugs: riskFactor(100, true),
  /** Minutes of moderate activity a week (WHO recommends at least 150). */
  physicalActivity: riskFactor(5000, false),
  occupationalExposure: optionalText(300),
  exposureYears: optionalCount(80),
  latrine: z.enum(LATRINE_TYPES).default(''),
});

export const disabilitySchema = z
  .object({ code: z.enum(DISABILITY_CODES), note: optionalText(200) })
  .refine((d) => d.code !== DISABILITY_OTHER || d.note !== '', {
    path: ['note'],
    message: 'validation.otherNeedsNote',
  });

export const allergySchema = z.object({
  kind: z.enum(ALLERGY_KINDS),
  agent: required(100),
  description: optionalText(300),
});

export const diseaseSchema = z
  .object({ code: z.enum(DISEASE_CODES), note: optionalText(200) })
  .refine((d) => d.code !== DISEASE_OTHER || d.note !== '', {
    path: ['note'],
    message: 'validation.otherNeedsNote',
  });

export const surgerySchema = z.object({
  description: required(200),
  year: z.number().int(MESSAGE_KEY.integer).min(1900).max(2100).nullable().default(null),
  note: optionalText(200),
});

export const familyHistorySchema = z
  .object({ code: z.enum(DISEASE_CODES), relative: z.enum(RELATIVES), note: optionalText(200) })
  .refine((d) => d.code !== DISEASE_OTHER || d.note !== '', {
    path: ['note'],
    message: 'validation.otherNeedsNote',
  });

/** Reproductive health (QĐ 831 part 2), recorded for women only. */
export const reproductiveSchema = z
  .object({
    contraception: optionalText(200),
    pregnancies: optionalCount(30),
    miscarriages: optionalCount(30),
    abortions: optionalCount(30),
    births: optionalCount(30),
    termBirths: optionalCount(30),
    pretermBirths: optionalCount(30),
    livingChildren: optionalCount(30),
    gynaecologicalConditions: optionalText(300),
  })
  .superRefine((r, ctx) => {
    const n = (v: number | null) => v ?? 0;
    if (
      r.pregnancies !== null &&
      n(r.miscarriages) + n(r.abortions) + n(r.births) > r.pregnancies
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['pregnancies'],
        message: 'validation.reproductive.outcomes',
      });
    }
    if (r.births !== null && n(r.termBirths) + n(r.pretermBirths) > r.births) {
      ctx.addIssue({
        code: 'custom',
        path: ['births'],
        message: 'validation.reproductive.termSplit',
      });
    }
  });

export const vaccinationSchema = z
  .object({
    vaccine: z.enum(VACCINES),
    vaccineOther: optionalText(100),
    /** Dose number in the series, when known. */
    dose: z.number().int(MESSAGE_KEY.integer).min(1).max(10).nullable().default(null),
    status: z.enum(VACCINATION_STATUS),
    date: optionalIsoDate,
    reaction: optionalText(300),
    nextAppointment: optionalIsoDate,
  })
  .superRefine((v, ctx) => {
    if (v.vaccine === 'OTHER' && v.vaccineOther === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['vaccineOther'],
        message: 'validation.otherNeedsNote',
      });
    }
    if (!notInFuture(v.date)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: MESSAGE_KEY.dateInFuture });
    }
    if (v.status !== '1' && v.date !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'validation.vaccination.dateWithoutDose',
      });
    }
    if (v.status !== '1' && v.reaction !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['reaction'],
        message: 'validation.vaccination.reactionWithoutDose',
      });
    }
  });

/**
 * Consent, per purpose, never pre-ticked, after the resident was told that health data is
 * sensitive personal data (Law 91/2025, Decree 356/2025). Keeping the record at the station
 * is the purpose without which nothing can be stored.
 */
export const consentSchema = z
  .object({
    recordKeeping: z.boolean().default(false),
    citySharing: z.boolean().default(false),
    statistics: z.boolean().default(false),
    givenBy: z.enum(['self', 'representative']).default('self'),
    representativeName: z.string().max(100).default(''),
    representativeRelationship: optionalText(60),
  })
  .superRefine((c, ctx) => {
    if (!c.recordKeeping) {
      ctx.addIssue({
        code: 'custom',
        path: ['recordKeeping'],
        message: 'validation.consent.recordKeeping',
      });
    }
    if (c.givenBy === 'representative' && c.representativeName.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['representativeName'], message: MESSAGE_KEY.required });
    }
  });

/** The health declaration, QĐ 831 parts 2 and 3 (part 1 lives in the resident record). */
export const declarationSchema = z.object({
  birth: birthStatusSchema,
  riskFactors: riskFactorsSchema,
  disabilities: z
    .array(disabilitySchema)
    .max(DISABILITY_CODES.length)
    .default([])
    .refine(
      (rows) => new Set(rows.map((r) => r.code)).size === rows.length,
      'validation.repeatedCode',
    ),
  allergies: z.array(allergySchema).max(30).default([]),
  diseases: z.array(diseaseSchema).max(40).default([]),
  surgeries: z.array(surgerySchema).max(30).default([]),
  familyHistory: z.array(familyHistorySchema).max(40).default([]),
  reproductive: reproductiveSchema.nullable().default(null),
  vaccinations: z.array(vaccinationSchema).max(150).default([]),
  consent: consentSchema,
});

export type DeclarationInput = z.input<typeof declarationSchema>;
export type Declaration = z.output<typeof declarationSchema>;

export const submitDeclarationSchema = z
  .object({
    residentId: recordId,
    /** The version the worker started from (0 for the first); a stale edit is refused. */
    baseVersion: z.number().int().min(0),
    declaration: declarationSchema,
    /**
     * Purposes the resident had withdrawn and now consents to again, asked anew in this
     * sitting (the form never carries a withdrawn purpose's tick over). Only these lift a
     * withdrawal; a tick alone, as copied from an earlier version, does not.
     */
    renewedConsent: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length).default([]),
  })
  .strict();

export const declarationVersionSchema = z.object({
  declarationId: recordId,
  residentId: recordId,
  version: z.number().int().positive(),
  declaration: declarationSchema,
  submitted: auditStampSchema,
});
export type DeclarationVersion = z.output<typeof declarationVersionSchema>;

export const declarationVersionSummarySchema = declarationVersionSchema.omit({ declaration: true });

/** Drafts hold whatever the form had, valid or not; only their size is bounded. */
export const MAX_DRAFT_CHARS = 200_000;
export const draftSchema = z
  .object({
    residentId: recordId,
    baseVersion: z.number().int().min(0),
    data: z
      .record(z.string(), z.unknown())
      .refine((d) => JSON.stringify(d).length <= MAX_DRAFT_CHARS, 'validation.draftTooLarge'),
  })
  .strict();
