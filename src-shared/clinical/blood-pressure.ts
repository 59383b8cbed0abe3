import { CLINICAL_THRESHOLDS, checkPlausible } from './thresholds';
import { type Classification, isEntered, type LocalisedText } from './types';

const BP = CLINICAL_THRESHOLDS.bloodPressure;
const PLAUSIBLE = CLINICAL_THRESHOLDS.plausible;

/** One office reading as the form holds it; blank fields are null. */
export interface BloodPressureReading {
  readonly systolic?: number | null;
  readonly diastolic?: number | null;
}

/**
 * Office blood-pressure classes of the Vietnam Heart Association 2022, as the project's domain
 * notes give them: grade 2 is open-ended (≥160/≥100); VHA 2022's grade 3 (≥180/≥110) is not
 * separated here (docs/clinical.md, [check]).
 */
export const BLOOD_PRESSURE_CATEGORIES = [
  'normal',
  'highNormal',
  'grade1',
  'grade2',
  'isolatedSystolic',
] as const;
export type BloodPressureCategory = (typeof BLOOD_PRESSURE_CATEGORIES)[number];

export const BLOOD_PRESSURE_LABELS: Record<BloodPressureCategory, LocalisedText> = {
  normal: { vi: 'Huyết áp bình thường', en: 'Normal blood pressure' },
  highNormal: { vi: 'Huyết áp bình thường cao', en: 'High-normal blood pressure' },
  grade1: { vi: 'Tăng huyết áp độ 1', en: 'Grade 1 hypertension' },
  grade2: { vi: 'Tăng huyết áp độ 2', en: 'Grade 2 hypertension' },
  isolatedSystolic: {
    vi: 'Tăng huyết áp tâm thu đơn độc',
    en: 'Isolated systolic hypertension',
  },
};

/** Classes at or above the office hypertension threshold (≥140 and/or ≥90 mmHg). */
export const HYPERTENSIVE_CATEGORIES: readonly BloodPressureCategory[] = [
  'grade1',
  'grade2',
  'isolatedSystolic',
];

export type BloodPressureAssessment = Classification<
  BloodPressureCategory,
  {
    /** Mean of the complete readings, unrounded (139.5 stays 139.5). */
    readonly systolic: number;
    readonly diastolic: number;
    /** How many readings were averaged; the guideline asks for two. */
    readonly readingCount: number;
    readonly hypertension: boolean;
  }
>;

/** Null when the reading could be real, otherwise the i18n key saying why it cannot. */
export function bloodPressureReadingProblem(reading: {
  systolic: number;
  diastolic: number;
}): string | null {
  return (
    checkPlausible(reading.systolic, PLAUSIBLE.systolic) ??
    checkPlausible(reading.diastolic, PLAUSIBLE.diastolic) ??
    (reading.diastolic >= reading.systolic
      ? 'validation.bloodPressure.diastolicNotBelowSystolic'
      : null)
  );
}

/** 0 normal, 1 high-normal, 2 grade 1, 3 grade 2: one scale for systolic and diastolic. */
type Level = 0 | 1 | 2 | 3;
const BY_LEVEL = ['normal', 'highNormal', 'grade1', 'grade2'] as const;

function levelOfSystolic(sbp: number): Level {
  if (sbp >= BP.grade2.systolic) return 3;
  if (sbp >= BP.grade1.systolic) return 2;
  if (sbp >= BP.highNormal.systolic) return 1;
  return 0;
}

function levelOfDiastolic(dbp: number): Level {
  if (dbp >= BP.grade2.diastolic) return 3;
  if (dbp >= BP.grade1.diastolic) return 2;
  if (dbp >= BP.highNormal.diastolic) return 1;
  return 0;
}

/**
 * Classifies a mean office pressure. When systolic and diastolic fall in different classes
 * the higher one wins (VHA 2022); systolic ≥140 with diastolic <90 is isolated systolic
 * hypertension whatever the systolic grade.
 */
export function bloodPressureCategory(systolic: number, diastolic: number): BloodPressureCategory {
  if (
    systolic >= BP.isolatedSystolic.systolicAtLeast &&
    diastolic < BP.isolatedSystolic.diastolicBelow
  ) {
    return 'isolatedSystolic';
  }
  const level = Math.max(levelOfSystolic(systolic), levelOfDiastolic(diastolic)) as Level;
  return BY_LEVEL[level];
}

/**
 * Classifies the mean of the complete readings. The mean is not rounded before comparison:
 * readings are whole mmHg and the thresholds are "at least 140", so a mean of 139.5 is below
 * it. A half-entered reading, or any implausible one, blocks the classification.
 */
export function classifyBloodPressure(
  readings: readonly (BloodPressureReading | null | undefined)[],
): BloodPressureAssessment {
  const complete: { systolic: number; diastolic: number }[] = [];
  for (const reading of readings) {
    const sbp = reading?.systolic;
    const dbp = reading?.diastolic;
    if (!isEntered(sbp) && !isEntered(dbp)) continue;
    if (!isEntered(sbp) || !isEntered(dbp)) {
      return { status: 'implausible', message: 'validation.bloodPressure.incomplete' };
    }
    const problem = bloodPressureReadingProblem({ systolic: sbp, diastolic: dbp });
    if (problem !== null) return { status: 'implausible', message: problem };
    complete.push({ systolic: sbp, diastolic: dbp });
  }
  if (complete.length === 0) return { status: 'missing' };

  const mean = (pick: (r: { systolic: number; diastolic: number }) => number) =>
    complete.reduce((sum, r) => sum + pick(r), 0) / complete.length;
  const systolic = mean((r) => r.systolic);
  const diastolic = mean((r) => r.diastolic);
  const category = bloodPressureCategory(systolic, diastolic);
  return {
    status: 'classified',
    category,
    source: BP.source,
    systolic,
    diastolic,
    readingCount: complete.length,
    hypertension: HYPERTENSIVE_CATEGORIES.includes(category),
  };
}
