import { type LocalisedText } from '../types';
import { type GrowthReference } from './who-tables';

/**
 * WHO's cut-offs for nutritional status and its flags for implausible z-scores.
 *
 * Every comparison is strict and made on the z-score rounded to 2 decimals, as WHO anthro and
 * AnthroPlus flag and count them: z = −2.00 is not "< −2" (it is normal), z = −2.01 is;
 * z = +1.00 is not "> +1", z = +1.01 is.
 */

export type GrowthIndicator =
  'weight-for-age' | 'length-height-for-age' | 'weight-for-length-height' | 'bmi-for-age';

export type NutritionStatusCode =
  | 'severe-underweight'
  | 'underweight'
  | 'severe-stunting'
  | 'stunting'
  | 'severe-wasting'
  | 'wasting'
  | 'severe-thinness'
  | 'thinness'
  | 'overweight'
  | 'obesity'
  | 'normal'
  | 'remeasure'
  | 'not-classified';

export const NUTRITION_STATUS_LABELS: Readonly<Record<NutritionStatusCode, LocalisedText>> = {
  'severe-underweight': { vi: 'Suy dinh dưỡng nhẹ cân mức độ nặng', en: 'Severely underweight' },
  underweight: { vi: 'Suy dinh dưỡng nhẹ cân', en: 'Underweight' },
  'severe-stunting': { vi: 'Suy dinh dưỡng thấp còi mức độ nặng', en: 'Severely stunted' },
  stunting: { vi: 'Suy dinh dưỡng thấp còi', en: 'Stunted' },
  'severe-wasting': { vi: 'Suy dinh dưỡng gầy còm mức độ nặng', en: 'Severely wasted' },
  wasting: { vi: 'Suy dinh dưỡng gầy còm', en: 'Wasted' },
  'severe-thinness': { vi: 'Gầy mức độ nặng', en: 'Severe thinness' },
  thinness: { vi: 'Gầy', en: 'Thinness' },
  overweight: { vi: 'Thừa cân', en: 'Overweight' },
  obesity: { vi: 'Béo phì', en: 'Obesity' },
  normal: { vi: 'Bình thường', en: 'Normal' },
  remeasure: {
    vi: 'Số đo không hợp lý — cần đo lại',
    en: 'Implausible measurement — measure again',
  },
  'not-classified': { vi: 'Không phân loại', en: 'Not classified' },
};

export const GROWTH_SOURCES = {
  'WHO 2006':
    'WHO Child Growth Standards 2006 (WHO Multicentre Growth Reference Study Group, Geneva 2006); ' +
    'cut-offs: WHO & UNICEF, Recommendations for data collection, analysis and reporting on ' +
    'anthropometric indicators in children under 5 years old (2019); obese > +3 SD: WHO ' +
    'Training Course on Child Growth Assessment (2008), Interpreting growth indicators',
  'WHO 2007':
    'WHO Growth Reference 2007 for 5–19 years (de Onis M et al., Bull World Health Organ ' +
    '2007;85:660–667); cut-offs: WHO, BMI-for-age 5–19 years (overweight > +1 SD, obesity > ' +
    '+2 SD, thinness < −2 SD, severe thinness < −3 SD), stunting height-for-age < −2 SD',
  implausible:
    'WHO anthro and AnthroPlus flags (WHO & UNICEF 2019): length/height-for-age |z| > 6, ' +
    'weight-for-age z < −6 or > +5, weight-for-length/height |z| > 5, BMI-for-age |z| > 5',
  ages:
    'WHO Child Growth Standards 2006 below 60 months (WHO anthro), WHO Growth Reference 2007 ' +
    'from 60 to 228 completed months (WHO AnthroPlus); neither applies outside these ages',
  position:
    'WHO anthro: a standing height recorded before 9 months of age is an implausible ' +
    'measurement position (recumbent length is expected to 24 months)',
} as const satisfies Record<GrowthReference | 'implausible' | 'ages' | 'position', string>;

interface CutOff {
  code: NutritionStatusCode;
  below?: number;
  above?: number;
}

const stunting: readonly CutOff[] = [
  { code: 'severe-stunting', below: -3 },
  { code: 'stunting', below: -2 },
];

/**
 * The indicators each reference classifies by, most severe first. Under 5, overweight and
 * obesity are read from weight-for-length/height (WHO & UNICEF 2019), and BMI-for-age is
 * reported only. From 5 years, BMI-for-age replaces weight-for-length/height and weight-for-age
 * is reported only: WHO 2007 gives it to 10 years for continuity but recommends BMI-for-age.
 */
const CUT_OFFS: Readonly<
  Record<GrowthReference, Partial<Record<GrowthIndicator, readonly CutOff[]>>>
> = {
  'WHO 2006': {
    'weight-for-age': [
      { code: 'severe-underweight', below: -3 },
      { code: 'underweight', below: -2 },
    ],
    'length-height-for-age': stunting,
    'weight-for-length-height': [
      { code: 'severe-wasting', below: -3 },
      { code: 'wasting', below: -2 },
      { code: 'obesity', above: 3 },
      { code: 'overweight', above: 2 },
    ],
  },
  'WHO 2007': {
    'bmi-for-age': [
      { code: 'severe-thinness', below: -3 },
      { code: 'thinness', below: -2 },
      { code: 'obesity', above: 2 },
      { code: 'overweight', above: 1 },
    ],
    'length-height-for-age': stunting,
  },
};

/** Implausible beyond these (the same in WHO anthro and AnthroPlus). */
export const IMPLAUSIBLE_Z: Readonly<Record<GrowthIndicator, { below: number; above: number }>> = {
  'weight-for-age': { below: -6, above: 5 },
  'length-height-for-age': { below: -6, above: 6 },
  'weight-for-length-height': { below: -5, above: 5 },
  'bmi-for-age': { below: -5, above: 5 },
};

export function isImplausible(indicator: GrowthIndicator, z: number): boolean {
  const limits = IMPLAUSIBLE_Z[indicator];
  return z < limits.below || z > limits.above;
}

/** Whether the reference classifies by this indicator at all (others are reported only). */
export function classifiesBy(reference: GrowthReference, indicator: GrowthIndicator): boolean {
  return CUT_OFFS[reference][indicator] !== undefined;
}

/**
 * The status a rounded z-score gives: null when the reference does not classify by the
 * indicator; 'remeasure' when the z-score is implausible; otherwise the first cut-off crossed,
 * or 'normal'.
 */
export function classifyZ(
  reference: GrowthReference,
  indicator: GrowthIndicator,
  z: number,
): NutritionStatusCode | null {
  const cutOffs = CUT_OFFS[reference][indicator];
  if (!cutOffs) return null;
  if (isImplausible(indicator, z)) return 'remeasure';
  for (const cutOff of cutOffs) {
    if (cutOff.below !== undefined && z < cutOff.below) return cutOff.code;
    if (cutOff.above !== undefined && z > cutOff.above) return cutOff.code;
  }
  return 'normal';
}
