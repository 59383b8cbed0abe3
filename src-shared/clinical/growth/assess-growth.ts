import { isValidIsoDate } from '../../domain/dates';
import { type LocalisedText } from '../types';
import {
  GROWTH_SOURCES,
  NUTRITION_STATUS_LABELS,
  classifiesBy,
  classifyZ,
  isImplausible,
  type GrowthIndicator,
  type NutritionStatusCode,
} from './classification';
import { type GrowthReference, type GrowthTableId, type Sex, zScore } from './who-tables';

/** WHO's average month: 365.25 / 12 days (WHO anthro and AnthroPlus). */
export const DAYS_PER_MONTH = 30.4375;

/** From this age (24 months) WHO expects standing height rather than recumbent length. */
export const LENGTH_HEIGHT_SWITCH_DAY = 731;

/** WHO anthro's conversion between recumbent length and standing height. */
export const LENGTH_HEIGHT_DIFFERENCE_CM = 0.7;

/**
 * Where each reference stops, as WHO's own software draws the line: WHO anthro (0.9.3 and
 * later) computes WHO 2006 z-scores below 60.0 months, i.e. to day 1826, where its tables end;
 * WHO AnthroPlus (1.0.0 and later) computes WHO 2007 z-scores from 60.0 months up to, but not
 * including, 229 months (121 for weight-for-age), i.e. to 228 (120) completed months.
 */
export const WHO_2007_FROM_MONTH = 60;
export const WHO_2007_BEFORE_MONTH = 229;
export const WHO_2007_WEIGHT_FOR_AGE_BEFORE_MONTH = 121;

/** WHO anthro treats a standing height below 9 months as a wrongly recorded position. */
const STANDING_HEIGHT_FIRST_MONTH = 9;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date, or null when it is not a real calendar date. */
function dayNumber(isoDate: string): number | null {
  if (!isValidIsoDate(isoDate)) return null;
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Whole days from birth to the measurement (the 2006 tables' index). */
export function ageInDays(birthDate: string, measuredOn: string): number {
  const born = dayNumber(birthDate);
  const measured = dayNumber(measuredOn);
  if (born === null || measured === null) {
    throw new RangeError(`Not ISO dates (yyyy-mm-dd): ${birthDate}, ${measuredOn}`);
  }
  return measured - born;
}

/** Exact age in months, as AnthroPlus takes it: days / 30.4375. */
export function exactAgeInMonths(days: number): number {
  return days / DAYS_PER_MONTH;
}

/** Which reference applies at an age in days: null before birth and from 229 months. */
export function growthReferenceForAge(days: number): GrowthReference | null {
  if (!(days >= 0)) return null;
  const months = exactAgeInMonths(days);
  if (months < WHO_2007_FROM_MONTH) return 'WHO 2006';
  if (months < WHO_2007_BEFORE_MONTH) return 'WHO 2007';
  return null;
}

export type MeasurementPosition = 'length' | 'height';

/**
 * Length or height as the tables expect it at this age (WHO anthro): recumbent length before
 * 731 days, so a standing height gains 0.7 cm; standing height from 731 days, so a recumbent
 * length loses 0.7 cm. A standing height recorded before 9 months is kept as measured, and
 * flagged, because WHO anthro treats that position as an error.
 */
export function standardiseLengthHeight(
  days: number,
  cm: number,
  measurement: MeasurementPosition | undefined,
): { cm: number; positionImplausible: boolean } {
  if (measurement === 'height' && exactAgeInMonths(days) < STANDING_HEIGHT_FIRST_MONTH) {
    return { cm, positionImplausible: true };
  }
  if (days < LENGTH_HEIGHT_SWITCH_DAY && measurement === 'height') {
    return { cm: cm + LENGTH_HEIGHT_DIFFERENCE_CM, positionImplausible: false };
  }
  if (days >= LENGTH_HEIGHT_SWITCH_DAY && measurement === 'length') {
    return { cm: cm - LENGTH_HEIGHT_DIFFERENCE_CM, positionImplausible: false };
  }
  return { cm, positionImplausible: false };
}

export interface GrowthInput {
  sex: Sex;
  /** ISO yyyy-mm-dd. */
  birthDate: string;
  /** ISO yyyy-mm-dd. */
  measuredOn: string;
  weightKg?: number | null;
  heightCm?: number | null;
  /** How the child was measured; when absent, the position expected at that age is assumed. */
  measurement?: MeasurementPosition | null;
}

export interface IndicatorResult {
  indicator: GrowthIndicator;
  reference: GrowthReference;
  table: GrowthTableId;
  /** Rounded to 2 decimals; null when a measurement is missing or outside the table. */
  z: number | null;
  implausible: boolean;
  /**
   * 'normal' or the status crossed; 'remeasure' when implausible; 'not-classified' without a
   * z-score; null when the reference reports this indicator without classifying by it.
   */
  status: NutritionStatusCode | null;
}

export interface NutritionStatus {
  code: NutritionStatusCode;
  /** The indicator the status comes from; null for the overall 'normal' / 'not-classified'. */
  indicator: GrowthIndicator | null;
  label: LocalisedText;
  source: string;
}

export type NotClassifiedReason =
  | 'invalid-date'
  | 'before-birth'
  | 'adult'
  /** No z-score the reference classifies by could be computed. */
  | 'insufficient-measurements';

export interface GrowthAssessment {
  ageDays: number | null;
  /** Exact age in months (days / 30.4375). */
  ageMonths: number | null;
  reference: GrowthReference | null;
  /** Length/height after the ±0.7 cm rule: the figure the z-scores used. */
  lengthHeightCm: number | null;
  /** kg/m² from the weight and `lengthHeightCm`. */
  bmi: number | null;
  /** A standing height recorded before 9 months: measure the length again. */
  measurementPositionImplausible: boolean;
  indicators: IndicatorResult[];
  statuses: NutritionStatus[];
  needsRemeasurement: boolean;
  notClassifiedReason: NotClassifiedReason | null;
}

function notClassified(
  reason: NotClassifiedReason,
  partial: Partial<GrowthAssessment> = {},
): GrowthAssessment {
  return {
    ageDays: null,
    ageMonths: null,
    reference: null,
    lengthHeightCm: null,
    bmi: null,
    measurementPositionImplausible: false,
    indicators: [],
    needsRemeasurement: false,
    ...partial,
    statuses: [
      {
        code: 'not-classified',
        indicator: null,
        label: NUTRITION_STATUS_LABELS['not-classified'],
        source: GROWTH_SOURCES[partial.reference ?? 'ages'],
      },
    ],
    notClassifiedReason: reason,
  };
}

function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function indicatorResult(
  indicator: GrowthIndicator,
  reference: GrowthReference,
  table: GrowthTableId,
  sex: Sex,
  index: number | null,
  value: number | null,
): IndicatorResult {
  const z = index === null || value === null ? null : zScore(table, sex, index, value);
  if (z === null) {
    const status = classifiesBy(reference, indicator) ? 'not-classified' : null;
    return { indicator, reference, table, z, implausible: false, status };
  }
  const implausible = isImplausible(indicator, z);
  return {
    indicator,
    reference,
    table,
    z,
    implausible,
    status: classifyZ(reference, indicator, z),
  };
}

/**
 * Nutritional status of one child or pupil from one visit: WHO 2006 z-scores by age in days
 * below 60 months, WHO 2007 z-scores by exact age in months from 60 to 228 completed months.
 * Implausible z-scores are flagged for re-measurement and not classified.
 */
export function assessGrowth(input: GrowthInput): GrowthAssessment {
  const born = dayNumber(input.birthDate);
  const measuredOn = dayNumber(input.measuredOn);
  if (born === null || measuredOn === null) return notClassified('invalid-date');
  const ageDays = measuredOn - born;
  if (ageDays < 0) return notClassified('before-birth', { ageDays });
  const ageMonths = exactAgeInMonths(ageDays);
  const reference = growthReferenceForAge(ageDays);
  if (reference === null) return notClassified('adult', { ageDays, ageMonths });

  const weight = positive(input.weightKg);
  const measured = positive(input.heightCm);
  const standardised =
    measured === null
      ? null
      : standardiseLengthHeight(ageDays, measured, input.measurement ?? undefined);
  const lengthHeightCm = standardised?.cm ?? null;
  const bmi =
    weight !== null && lengthHeightCm !== null ? weight / (lengthHeightCm / 100) ** 2 : null;

  const score = (
    indicator: GrowthIndicator,
    table: GrowthTableId,
    index: number | null,
    value: number | null,
  ): IndicatorResult => indicatorResult(indicator, reference, table, input.sex, index, value);

  const indicators: IndicatorResult[] =
    reference === 'WHO 2006'
      ? [
          score('weight-for-age', 'wfa-2006', ageDays, weight),
          score('length-height-for-age', 'lhfa-2006', ageDays, lengthHeightCm),
          score(
            'weight-for-length-height',
            ageDays < LENGTH_HEIGHT_SWITCH_DAY ? 'wfl-2006' : 'wfh-2006',
            lengthHeightCm,
            weight,
          ),
          score('bmi-for-age', 'bmi-2006', ageDays, bmi),
        ]
      : [
          score('bmi-for-age', 'bfa-2007', ageMonths, bmi),
          score('length-height-for-age', 'hfa-2007', ageMonths, lengthHeightCm),
          ...(ageMonths < WHO_2007_WEIGHT_FOR_AGE_BEFORE_MONTH
            ? [score('weight-for-age', 'wfa-2007', ageMonths, weight)]
            : []),
        ];

  const positionImplausible = standardised?.positionImplausible ?? false;
  const needsRemeasurement = positionImplausible || indicators.some((r) => r.implausible);
  const statuses: NutritionStatus[] = [];
  if (positionImplausible) {
    statuses.push({
      code: 'remeasure',
      indicator: 'length-height-for-age',
      label: NUTRITION_STATUS_LABELS.remeasure,
      source: GROWTH_SOURCES.position,
    });
  }
  for (const result of indicators) {
    const code = result.implausible ? 'remeasure' : result.status;
    if (code === null || code === 'normal' || code === 'not-classified') continue;
    if (code === 'remeasure' && statuses.some((st) => st.indicator === result.indicator)) continue;
    statuses.push({
      code,
      indicator: result.indicator,
      label: NUTRITION_STATUS_LABELS[code],
      source: code === 'remeasure' ? GROWTH_SOURCES.implausible : GROWTH_SOURCES[reference],
    });
  }
  const classified = indicators.some((r) => r.status !== null && r.status !== 'not-classified');
  const base = {
    ageDays,
    ageMonths,
    reference,
    lengthHeightCm,
    bmi,
    measurementPositionImplausible: positionImplausible,
    indicators,
    needsRemeasurement,
  };
  if (!classified) return notClassified('insufficient-measurements', base);
  if (statuses.length === 0 && !needsRemeasurement) {
    statuses.push({
      code: 'normal',
      indicator: null,
      label: NUTRITION_STATUS_LABELS.normal,
      source: GROWTH_SOURCES[reference],
    });
  }
  return { ...base, statuses, notClassifiedReason: null };
}
