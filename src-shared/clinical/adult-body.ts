import type { SexCode } from '../schemas/resident';
import { CLINICAL_THRESHOLDS, checkPlausible } from './thresholds';
import { type Classification, isEntered, type LocalisedText, roundHalfUp } from './types';

const BMI = CLINICAL_THRESHOLDS.adultBmi;
const WAIST = CLINICAL_THRESHOLDS.waist;
const PLAUSIBLE = CLINICAL_THRESHOLDS.plausible;

/** Asia-Pacific adult BMI classes (WHO WPRO 2000). */
export const BMI_CATEGORIES = ['underweight', 'normal', 'overweight', 'obese1', 'obese2'] as const;
export type BmiCategory = (typeof BMI_CATEGORIES)[number];

export const BMI_LABELS: Record<BmiCategory, LocalisedText> = {
  underweight: { vi: 'Thiếu cân', en: 'Underweight' },
  normal: { vi: 'Bình thường', en: 'Normal' },
  overweight: { vi: 'Thừa cân', en: 'Overweight' },
  obese1: { vi: 'Béo phì độ I', en: 'Obese class I' },
  obese2: { vi: 'Béo phì độ II', en: 'Obese class II' },
};

/** Body-mass index in kg/m², unrounded. */
export function bodyMassIndex(weightKg: number, heightCm: number): number {
  const heightM = heightCm / 100;
  return weightKg / (heightM * heightM);
}

/** The class of a BMI already rounded to one decimal. */
export function bmiCategory(roundedBmi: number): BmiCategory {
  if (roundedBmi < BMI.normal) return 'underweight';
  if (roundedBmi < BMI.overweight) return 'normal';
  if (roundedBmi < BMI.obese1) return 'overweight';
  if (roundedBmi < BMI.obese2) return 'obese1';
  return 'obese2';
}

export type BmiAssessment = Classification<
  BmiCategory,
  {
    /** Rounded to one decimal: the value shown, and the value classified. */
    readonly bmi: number;
  }
>;

/**
 * BMI is computed from the unrounded height and weight, then rounded half-up to one decimal,
 * and that rounded value is classified. The cut-offs are published to one decimal
 * (18.5–22.9, 23–24.9), so the class must agree with the number the health worker sees:
 * 22.95 is shown as 23.0 and is therefore overweight.
 */
export function classifyBmi(
  weightKg: number | null | undefined,
  heightCm: number | null | undefined,
): BmiAssessment {
  if (!isEntered(weightKg) || !isEntered(heightCm)) return { status: 'missing' };
  const problem =
    checkPlausible(heightCm, PLAUSIBLE.heightCm) ?? checkPlausible(weightKg, PLAUSIBLE.weightKg);
  if (problem !== null) return { status: 'implausible', message: problem };
  const bmi = roundHalfUp(bodyMassIndex(weightKg, heightCm), BMI.decimals);
  if (checkPlausible(bmi, PLAUSIBLE.bmi) !== null) {
    return { status: 'implausible', message: 'validation.bmi.implausible' };
  }
  return { status: 'classified', category: bmiCategory(bmi), source: BMI.source, bmi };
}

export const WAIST_CATEGORIES = ['normal', 'abdominalObesity'] as const;
export type WaistCategory = (typeof WAIST_CATEGORIES)[number];

export const WAIST_LABELS: Record<WaistCategory, LocalisedText> = {
  normal: { vi: 'Vòng eo bình thường', en: 'Normal waist' },
  abdominalObesity: { vi: 'Béo bụng', en: 'Abdominal obesity' },
};

export type WaistAssessment = Classification<
  WaistCategory,
  {
    readonly waistCm: number;
    /** The cut-off applied for the resident's sex. */
    readonly cutOffCm: number;
  }
>;

/** Abdominal obesity at ≥90 cm for men, ≥80 cm for women; needs the resident's sex. */
export function classifyWaist(
  waistCm: number | null | undefined,
  sex: SexCode | null | undefined,
): WaistAssessment {
  if (!isEntered(waistCm) || (sex !== '1' && sex !== '2')) return { status: 'missing' };
  const problem = checkPlausible(waistCm, PLAUSIBLE.waistCm);
  if (problem !== null) return { status: 'implausible', message: problem };
  const cutOffCm = WAIST.abdominalObesity[sex];
  return {
    status: 'classified',
    category: waistCm >= cutOffCm ? 'abdominalObesity' : 'normal',
    source: WAIST.source,
    waistCm,
    cutOffCm,
  };
}
