import { z } from 'zod';
import { todayInVietnam } from '../domain/dates';
import {
  GLUCOSE_KINDS,
  GLUCOSE_UNITS,
  glucoseReadingProblem,
  normaliseGlucose,
} from '../clinical/glucose';
import {
  ELDERLY_QUESTIONNAIRES,
  type Questionnaire,
  type QuestionnaireItem,
} from '../clinical/instruments';
import { REFERRAL_OTHER, REFERRAL_REASONS } from '../clinical/referral';
import {
  CLINICAL_THRESHOLDS,
  plausibleRangeMessage,
  type PlausibleRange,
} from '../clinical/thresholds';
import type { LocalisedText } from '../clinical/types';
import { MESSAGE_KEY } from './messages';
import { isoDate, optionalText, personName, recordId } from './primitives';

export { normaliseGlucose } from '../clinical/glucose';

const PLAUSIBLE = CLINICAL_THRESHOLDS.plausible;

/**
 * A measurement that may be left blank (null) but, when given, must lie in its plausible
 * range; outside it the value is refused with the range in the message, never classified.
 */
const measured = (range: PlausibleRange, integer = false) => {
  const message = plausibleRangeMessage(range);
  const base = integer ? z.number().int(MESSAGE_KEY.integer) : z.number();
  return base.min(range.min, message).max(range.max, message).nullable().default(null);
};

/** One seated office reading (VHA 2022: two, 1–2 minutes apart); whole mmHg. */
export const bloodPressureReadingSchema = z
  .object({
    systolic: measured(PLAUSIBLE.systolic, true),
    diastolic: measured(PLAUSIBLE.diastolic, true),
  })
  .superRefine((r, ctx) => {
    if (r.systolic === null && r.diastolic !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['systolic'],
        message: 'validation.bloodPressure.incomplete',
      });
    }
    if (r.diastolic === null && r.systolic !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['diastolic'],
        message: 'validation.bloodPressure.incomplete',
      });
    }
    if (r.systolic !== null && r.diastolic !== null && r.diastolic >= r.systolic) {
      ctx.addIssue({
        code: 'custom',
        path: ['diastolic'],
        message: 'validation.bloodPressure.diastolicNotBelowSystolic',
      });
    }
  });

/**
 * Plasma glucose as measured, in the unit of the meter or laboratory. A blank value means no
 * test (null). The output adds `mmolPerL`, the normalised value that storage and reports use;
 * the unit and value entered are kept for display.
 */
export const glucoseSchema = z
  .object({
    /** Fasting or random changes the thresholds, so it is asked, never assumed. */
    kind: z.enum(GLUCOSE_KINDS).nullable().default(null),
    /** mmol/L, the unit of QĐ 5481/2020, unless the meter or report shows mg/dL. */
    unit: z.enum(GLUCOSE_UNITS).default('mmol/L'),
    value: z.number().positive(MESSAGE_KEY.invalid).nullable().default(null),
  })
  .superRefine((g, ctx) => {
    if (g.value === null) return;
    if (g.kind === null) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: MESSAGE_KEY.required });
      return;
    }
    const problem = glucoseReadingProblem({ kind: g.kind, unit: g.unit, value: g.value });
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  })
  .transform((g) =>
    g.value === null || g.kind === null
      ? null
      : normaliseGlucose({ kind: g.kind, unit: g.unit, value: g.value }),
  )
  .nullable()
  .default(null);

export const measurementsSchema = z
  .object({
    heightCm: measured(PLAUSIBLE.heightCm),
    weightKg: measured(PLAUSIBLE.weightKg),
    waistCm: measured(PLAUSIBLE.waistCm),
    pulsePerMin: measured(PLAUSIBLE.pulsePerMin, true),
    bloodPressure: z
      .object({
        first: bloodPressureReadingSchema.prefault({}),
        second: bloodPressureReadingSchema.prefault({}),
      })
      .prefault({}),
    glucose: glucoseSchema,
  })
  .prefault({});

/**
 * Visual acuity on the decimal Snellen chart used at stations, as on the health-check book:
 * "1/10" to "10/10". A blank field means not measured.
 */
const visualAcuity = z
  .string()
  .trim()
  .regex(/^(?:(?:10|[1-9])\/10)?$/, 'validation.vision.acuity')
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .default(null);

const eyeSchema = z.object({ uncorrected: visualAcuity, corrected: visualAcuity }).prefault({});

export const visionSchema = z
  .object({ right: eyeSchema, left: eyeSchema, note: optionalText(300) })
  .prefault({});

/** Distance in metres at which the ear hears a normal voice and a whisper. */
const earSchema = z
  .object({
    normalVoiceM: measured(PLAUSIBLE.hearingM),
    whisperM: measured(PLAUSIBLE.hearingM),
  })
  .refine((e) => e.normalVoiceM === null || e.whisperM === null || e.whisperM <= e.normalVoiceM, {
    path: ['whisperM'],
    message: 'validation.hearing.whisperBeyondVoice',
  })
  .prefault({});

export const hearingSchema = z
  .object({ right: earSchema, left: earSchema, note: optionalText(300) })
  .prefault({});

export const dentalSchema = z
  .object({ upperJaw: optionalText(300), lowerJaw: optionalText(300) })
  .prefault({});

/**
 * Examination by system with its class 1–5, in the order of the adult health-check template
 * (QĐ 1551/QĐ-BYT 2026 template 2, following the health-check book of Circular 32/2023/TT-BYT
 * [check]). The eye, ENT and dental classes sit here; their measurements have their own
 * sections (vision, hearing, dental).
 */
export const EXAM_SYSTEMS = [
  'cardiovascular',
  'respiratory',
  'digestive',
  'renalUrinary',
  'endocrine',
  'musculoskeletal',
  'neurological',
  'psychiatric',
  'surgical',
  'obstetricGynaecological',
  'eye',
  'ent',
  'dental',
  'dermatology',
] as const;
export type ExamSystem = (typeof EXAM_SYSTEMS)[number];

export const EXAM_SYSTEM_LABELS: Record<ExamSystem, LocalisedText> = {
  cardiovascular: { vi: 'Tuần hoàn', en: 'Cardiovascular' },
  respiratory: { vi: 'Hô hấp', en: 'Respiratory' },
  digestive: { vi: 'Tiêu hóa', en: 'Digestive' },
  renalUrinary: { vi: 'Thận – Tiết niệu', en: 'Renal and urinary' },
  endocrine: { vi: 'Nội tiết', en: 'Endocrine' },
  musculoskeletal: { vi: 'Cơ – Xương – Khớp', en: 'Musculoskeletal' },
  neurological: { vi: 'Thần kinh', en: 'Neurological' },
  psychiatric: { vi: 'Tâm thần', en: 'Psychiatric' },
  surgical: { vi: 'Ngoại khoa', en: 'Surgical' },
  obstetricGynaecological: { vi: 'Sản phụ khoa', en: 'Obstetrics and gynaecology' },
  eye: { vi: 'Mắt', en: 'Eye' },
  ent: { vi: 'Tai – Mũi – Họng', en: 'Ear, nose and throat' },
  dental: { vi: 'Răng – Hàm – Mặt', en: 'Dental and maxillofacial' },
  dermatology: { vi: 'Da liễu', en: 'Dermatology' },
};

/** Health classes Loại I–V of the health-check templates, stored as 1–5. */
export const HEALTH_CLASSES = [1, 2, 3, 4, 5] as const;
export const HEALTH_CLASS_LABELS: Record<(typeof HEALTH_CLASSES)[number], LocalisedText> = {
  1: { vi: 'Loại I – Rất khỏe', en: 'Class I – very healthy' },
  2: { vi: 'Loại II – Khỏe', en: 'Class II – healthy' },
  3: { vi: 'Loại III – Trung bình', en: 'Class III – average' },
  4: { vi: 'Loại IV – Yếu', en: 'Class IV – weak' },
  5: { vi: 'Loại V – Rất yếu', en: 'Class V – very weak' },
};

const healthClass = z.number().int(MESSAGE_KEY.integer).min(1).max(5);

const systemExamSchema = z
  .object({ class: healthClass.nullable().default(null), note: optionalText(500) })
  .prefault({});

export const systemExamsSchema = z
  .object(
    Object.fromEntries(EXAM_SYSTEMS.map((s) => [s, systemExamSchema])) as Record<
      ExamSystem,
      typeof systemExamSchema
    >,
  )
  .prefault({});

type AnswerSchemas<Items extends readonly QuestionnaireItem[]> = {
  [Item in Items[number] as Item['id']]: z.ZodDefault<
    z.ZodNullable<z.ZodType<Item['options'][number]['value'], Item['options'][number]['value']>>
  >;
};

/**
 * Item-level answers of one instrument; the score is always computed, never typed. A
 * screening may skip an instrument (every item blank → null), but one that was started must
 * be finished before the screening is saved: a partial questionnaire has no score, and storing
 * it would look like data. Unfinished work lives in the form's draft, not in the record.
 */
function questionnaireAnswersSchema<const Items extends readonly QuestionnaireItem[]>(
  questionnaire: Questionnaire<Items>,
) {
  const shape = Object.fromEntries(
    questionnaire.items.map((item) => [
      item.id,
      z
        .enum(item.options.map((o) => o.value) as [string, ...string[]])
        .nullable()
        .default(null),
    ]),
  ) as unknown as AnswerSchemas<Items>;
  return z
    .object(shape)
    .superRefine((answers, ctx) => {
      const values = answers as Record<string, string | null>;
      const unanswered = questionnaire.items.filter((item) => values[item.id] === null);
      if (unanswered.length === 0 || unanswered.length === questionnaire.items.length) return;
      for (const item of unanswered) {
        ctx.addIssue({
          code: 'custom',
          path: [item.id],
          message: 'validation.instrument.unanswered',
        });
      }
    })
    .transform((answers) =>
      Object.values(answers as Record<string, string | null>).every((v) => v === null)
        ? null
        : answers,
    )
    .nullable()
    .default(null);
}

export const instrumentAnswersSchema = z
  .object({
    katzAdl: questionnaireAnswersSchema(ELDERLY_QUESTIONNAIRES.katzAdl),
    lawtonIadl: questionnaireAnswersSchema(ELDERLY_QUESTIONNAIRES.lawtonIadl),
    gds15: questionnaireAnswersSchema(ELDERLY_QUESTIONNAIRES.gds15),
    miniCog: questionnaireAnswersSchema(ELDERLY_QUESTIONNAIRES.miniCog),
    prisma7: questionnaireAnswersSchema(ELDERLY_QUESTIONNAIRES.prisma7),
    /** Timed Up and Go is a measured time in seconds, not a questionnaire. */
    timedUpAndGoSeconds: measured(PLAUSIBLE.timedUpAndGoSeconds),
  })
  .prefault({});

/**
 * The health worker's referral decision. Suggestions computed from the findings are offered
 * to her; what she records here is her decision, with at least one reason when she refers.
 */
export const referralSchema = z
  .object({
    referred: z.boolean().default(false),
    to: optionalText(200),
    reasons: z
      .array(z.enum(REFERRAL_REASONS))
      .max(REFERRAL_REASONS.length)
      .default([])
      .refine((rows) => new Set(rows).size === rows.length, 'validation.repeatedCode'),
    note: optionalText(500),
  })
  .superRefine((r, ctx) => {
    if (r.referred && r.reasons.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'validation.referral.reasonRequired',
      });
    }
    if (!r.referred && (r.reasons.length > 0 || r.to !== '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['referred'],
        message: 'validation.referral.notReferred',
      });
    }
    if (r.reasons.includes(REFERRAL_OTHER) && r.note === '') {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'validation.otherNeedsNote' });
    }
  })
  .prefault({});

/**
 * One elderly screening (Law on the Elderly 2009, Circular 35/2011: at least once a year),
 * after the adult template of QĐ 1551/QĐ-BYT. The same schema is the form's resolver, the
 * IPC input and the stored shape. Classifications are not part of it: they are computed from
 * it by assessElderlyScreening, so they can never disagree with the measurements.
 */
export const elderlyScreeningSchema = z
  .object({
    residentId: recordId,
    screenedOn: isoDate.refine((d) => d <= todayInVietnam(), MESSAGE_KEY.dateInFuture),
    measurements: measurementsSchema,
    vision: visionSchema,
    hearing: hearingSchema,
    dental: dentalSchema,
    systemExams: systemExamsSchema,
    instruments: instrumentAnswersSchema,
    healthClass,
    referral: referralSchema,
    conclusion: optionalText(2000),
    examinerName: personName,
  })
  .strict();

export type ElderlyScreeningInput = z.input<typeof elderlyScreeningSchema>;
export type ElderlyScreening = z.output<typeof elderlyScreeningSchema>;
export type BloodPressureReadingInput = z.input<typeof bloodPressureReadingSchema>;
export type GlucoseInput = z.input<typeof glucoseSchema>;
export type InstrumentAnswersInput = z.input<typeof instrumentAnswersSchema>;
export type InstrumentAnswers = z.output<typeof instrumentAnswersSchema>;
export type Referral = z.output<typeof referralSchema>;
