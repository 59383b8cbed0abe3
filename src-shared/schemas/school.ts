import { z } from 'zod';
import { ageInYears, todayInVietnam } from '../domain/dates';
import { MESSAGE_KEY } from './messages';
import { isoDate, optionalText, recordId, text } from './primitives';

/**
 * School health (Joint Circular 13/2016/TTLT-BYT-BGDĐT; QĐ 1551/QĐ-BYT pupil templates 15–17):
 * schools, their classes per school year, the pupils enrolled (each a resident of the
 * registry), and the measurements of each screening round.
 */

export const SCHOOL_LEVELS = ['preschool', 'primary', 'lowerSecondary', 'upperSecondary'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const schoolInputSchema = z
  .object({
    id: recordId.nullable().default(null),
    name: text(200).min(1, MESSAGE_KEY.required),
    level: z.enum(SCHOOL_LEVELS),
    communeCode: z.string().min(1, MESSAGE_KEY.required),
    address: optionalText(200),
  })
  .strict();
export type SchoolInput = z.input<typeof schoolInputSchema>;
export type School = z.output<typeof schoolInputSchema> & { id: string };

/** "2026-2027": a school year runs from September to May. */
export const schoolYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, MESSAGE_KEY.invalid)
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, MESSAGE_KEY.invalid);

export const classInputSchema = z
  .object({
    id: recordId.nullable().default(null),
    schoolId: recordId,
    schoolYear,
    /** As the school writes it: "5A", "10A1". */
    name: text(20).min(1, MESSAGE_KEY.required),
    /** 0 for preschool, 1–12. */
    grade: z.number().int().min(0).max(12),
  })
  .strict();
export type ClassInput = z.input<typeof classInputSchema>;

/** Round I at the start of the year (full measurements); round II later in the year (physique). */
export const SCREENING_ROUNDS = ['I', 'II'] as const;
export type ScreeningRound = (typeof SCREENING_ROUNDS)[number];

/**
 * Consent to the school screening (Law 91/2025, Decree 356/2025): the legal representative
 * always, and the pupil as well from the age of 7.
 */
export const screeningConsentSchema = z
  .object({
    guardian: z.boolean(),
    guardianName: optionalText(100),
    /** null under 7, where the pupil's own consent is not asked. */
    pupil: z.boolean().nullable(),
    recordedOn: isoDate,
  })
  .strict();
export type ScreeningConsent = z.output<typeof screeningConsentSchema>;

/** From this age the pupil consents too, beside the legal representative (Law 91/2025). */
export const PUPIL_OWN_CONSENT_AGE = 7;

/** Whether the pupil's own consent is asked, by her age on the day in question. */
export function pupilConsentAsked(birthDate: string, onDate: string): boolean {
  return ageInYears(birthDate, onDate) >= PUPIL_OWN_CONSENT_AGE;
}

/**
 * Whether a recorded consent covers a screening on `onDate`: the guardian agreed and, when the
 * pupil is 7 or older on that day, the pupil did too. A refusal, or a consent given while the
 * child was under 7 for a screening after her 7th birthday, does not.
 */
export function consentCovers(
  consent: ScreeningConsent | null,
  birthDate: string,
  onDate: string,
): boolean {
  if (!consent || !consent.guardian) return false;
  return !pupilConsentAsked(birthDate, onDate) || consent.pupil === true;
}

/** "10/10" … "1/10", as read on the chart; '' when not measured. */
const acuity = z
  .string()
  .trim()
  .regex(/^(?:(?:10|[1-9])\/10)?$/, 'validation.vision.acuity')
  .default('');

const eye = z.object({ uncorrected: acuity, corrected: acuity }).strict().prefault({});

const optionalMeasure = (min: number, max: number, integer = false) => {
  const message = `validation.plausibleRange:${min}–${max}`;
  const base = integer ? z.number().int(MESSAGE_KEY.integer) : z.number();
  return base.min(min, message).max(max, message).nullable().default(null);
};

/** Spine (QĐ 1551 pupil templates): kyphosis 1 / lordosis 2; scoliosis S 1 / C 2. */
export const SAGITTAL_CURVES = ['none', 'kyphosis', 'lordosis'] as const;
export const SCOLIOSIS_SHAPES = ['none', 'S', 'C'] as const;

/** What a nurse types for one pupil in one round. Nutrition status is computed, never typed. */
export const pupilMeasurementsSchema = z
  .object({
    heightCm: optionalMeasure(45, 210),
    weightKg: optionalMeasure(2, 180),
    systolic: optionalMeasure(50, 220, true),
    diastolic: optionalMeasure(20, 150, true),
    heartRate: optionalMeasure(40, 220, true),
    vision: z.object({ right: eye, left: eye }).strict().prefault({}),
    dental: z
      .object({ upper: optionalText(120), lower: optionalText(120) })
      .strict()
      .prefault({}),
    spine: z
      .object({
        sagittal: z.enum(SAGITTAL_CURVES).default('none'),
        scoliosis: z.enum(SCOLIOSIS_SHAPES).default('none'),
      })
      .strict()
      .prefault({}),
    referredTo: optionalText(200),
    notes: optionalText(500),
  })
  .strict()
  .superRefine((m, ctx) => {
    if ((m.systolic === null) !== (m.diastolic === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [m.systolic === null ? 'systolic' : 'diastolic'],
        message: 'validation.bloodPressure.incomplete',
      });
    }
    if (m.systolic !== null && m.diastolic !== null && m.diastolic >= m.systolic) {
      ctx.addIssue({
        code: 'custom',
        path: ['diastolic'],
        message: 'validation.bloodPressure.diastolicNotBelowSystolic',
      });
    }
  });
export type PupilMeasurementsInput = z.input<typeof pupilMeasurementsSchema>;
export type PupilMeasurements = z.output<typeof pupilMeasurementsSchema>;

/** Whether anything was measured: an absent pupil's row carries notes at most. */
export function hasMeasurements(m: PupilMeasurements): boolean {
  const eyes = [m.vision.right, m.vision.left].flatMap((e) => [e.uncorrected, e.corrected]);
  return (
    [m.heightCm, m.weightKg, m.systolic, m.diastolic, m.heartRate].some((v) => v !== null) ||
    eyes.some((a) => a !== '') ||
    m.dental.upper !== '' ||
    m.dental.lower !== '' ||
    m.spine.sagittal !== 'none' ||
    m.spine.scoliosis !== 'none' ||
    m.referredTo !== ''
  );
}

/** Whether anything beyond physique was given (round II records height and weight only). */
export function beyondPhysique(m: PupilMeasurements): boolean {
  return hasMeasurements({ ...m, heightCm: null, weightKg: null });
}

/** One pupil's row of a screening day: saved as it is left, absent pupils marked. */
export const schoolScreeningSaveSchema = z
  .object({
    classId: recordId,
    residentId: recordId,
    round: z.enum(SCREENING_ROUNDS),
    screenedOn: isoDate.refine((d) => d <= todayInVietnam(), MESSAGE_KEY.dateInFuture),
    status: z.enum(['measured', 'absent']),
    /** 0 for a first save; the version the nurse saw otherwise (CONFLICT when it moved on). */
    expectedVersion: z.number().int().min(0),
    measurements: pupilMeasurementsSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    // An absent pupil was not measured: figures on her row would be mistaken for results.
    if (s.status === 'absent' && hasMeasurements(s.measurements)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: MESSAGE_KEY.invalid });
    }
    if (s.round === 'II' && beyondPhysique(s.measurements)) {
      ctx.addIssue({ code: 'custom', path: ['measurements'], message: MESSAGE_KEY.invalid });
    }
  });
export type SchoolScreeningSave = z.input<typeof schoolScreeningSaveSchema>;
