import { CLINICAL_THRESHOLDS, checkPlausible } from './thresholds';
import { type Classification, isEntered, type LocalisedText, roundHalfUp } from './types';

const GLUCOSE = CLINICAL_THRESHOLDS.glucose;

export const GLUCOSE_UNITS = ['mmol/L', 'mg/dL'] as const;
export type GlucoseUnit = (typeof GLUCOSE_UNITS)[number];

/** Fasting (≥8 hours without calories) or random plasma glucose (QĐ 5481/2020). */
export const GLUCOSE_KINDS = ['fasting', 'random'] as const;
export type GlucoseKind = (typeof GLUCOSE_KINDS)[number];

export interface GlucoseReading {
  readonly kind: GlucoseKind;
  readonly unit: GlucoseUnit;
  readonly value: number;
}

/** A reading as stored: as entered (shown in its own unit) plus its value in mmol/L. */
export interface NormalisedGlucoseReading extends GlucoseReading {
  readonly mmolPerL: number;
}

/** mg/dL ÷ 18 (see CLINICAL_THRESHOLDS.glucose.mgPerDlPerMmolPerL for why 18). */
export function glucoseToMmolPerL(value: number, unit: GlucoseUnit): number {
  return unit === 'mmol/L' ? value : value / GLUCOSE.mgPerDlPerMmolPerL;
}

/**
 * The stored form of a reading: mmol/L to two decimals, finer than any laboratory reports,
 * so that reports across stations compare like with like while the original stays on screen.
 */
export function normaliseGlucose(reading: GlucoseReading): NormalisedGlucoseReading {
  return {
    kind: reading.kind,
    unit: reading.unit,
    value: reading.value,
    mmolPerL: roundHalfUp(glucoseToMmolPerL(reading.value, reading.unit), 2),
  };
}

/** Null when the reading could be real, otherwise the i18n key saying why it cannot. */
export function glucoseReadingProblem(reading: GlucoseReading): string | null {
  const mmol = glucoseToMmolPerL(reading.value, reading.unit);
  return checkPlausible(mmol, CLINICAL_THRESHOLDS.plausible.glucoseMmolPerL) === null
    ? null
    : 'validation.glucose.implausible';
}

/**
 * `randomBelowDiabetes`: a random glucose under 11.1 mmol/L neither confirms nor excludes
 * diabetes and has no prediabetes band, so it is reported as such rather than as "normal".
 */
export const GLUCOSE_CATEGORIES = [
  'normal',
  'prediabetes',
  'diabetes',
  'randomBelowDiabetes',
] as const;
export type GlucoseCategory = (typeof GLUCOSE_CATEGORIES)[number];

export const GLUCOSE_LABELS: Record<GlucoseCategory, LocalisedText> = {
  normal: { vi: 'Đường huyết đói bình thường', en: 'Normal fasting glucose' },
  prediabetes: {
    vi: 'Tiền đái tháo đường (rối loạn đường huyết đói)',
    en: 'Prediabetes (impaired fasting glucose)',
  },
  diabetes: { vi: 'Ở ngưỡng chẩn đoán đái tháo đường', en: 'In the diabetes range' },
  randomBelowDiabetes: {
    vi: 'Đường huyết bất kỳ dưới ngưỡng đái tháo đường (chưa đủ để phân loại)',
    en: 'Random glucose below the diabetes threshold (not classifiable)',
  },
};

export type GlucoseAssessment = Classification<
  GlucoseCategory,
  {
    readonly kind: GlucoseKind;
    readonly mmolPerL: number;
    /** Random ≥11.1 mmol/L counts towards diabetes only with symptoms (QĐ 5481/2020). */
    readonly needsSymptoms: boolean;
  }
>;

/** Compares against the guideline's threshold in the reading's own unit. */
export function classifyGlucose(
  reading:
    | {
        readonly kind?: GlucoseKind | null;
        readonly unit?: GlucoseUnit | null;
        readonly value?: number | null;
      }
    | null
    | undefined,
): GlucoseAssessment {
  const { kind, unit, value } = reading ?? {};
  if (!isEntered(value) || !kind || !unit) return { status: 'missing' };
  const problem = glucoseReadingProblem({ kind, unit, value });
  if (problem !== null) return { status: 'implausible', message: problem };

  const mmolPerL = normaliseGlucose({ kind, unit, value }).mmolPerL;
  let category: GlucoseCategory;
  if (kind === 'fasting') {
    if (value >= GLUCOSE.fasting.diabetes[unit]) category = 'diabetes';
    else if (value >= GLUCOSE.fasting.prediabetes[unit]) category = 'prediabetes';
    else category = 'normal';
  } else {
    category = value >= GLUCOSE.random.diabetes[unit] ? 'diabetes' : 'randomBelowDiabetes';
  }
  return {
    status: 'classified',
    category,
    source: category === 'prediabetes' ? GLUCOSE.prediabetesSource : GLUCOSE.source,
    kind,
    mmolPerL,
    needsSymptoms: kind === 'random' && category === 'diabetes',
  };
}
