import { ageInYears, isValidIsoDate } from '../domain/dates';
import { type LocalisedText } from './types';
import { type Sex } from './growth/who-tables';

/**
 * Children's blood pressure at school screening, against a published paediatric table. Adult
 * grades are never applied to children: outside the table's ages the answer is
 * "not classified".
 */

export interface PaediatricBpTable {
  id: string;
  version: string;
  citation: string;
  /** What is not settled about using this table here. */
  note: string;
  /** Completed years from which the table applies. */
  fromAge: number;
  /** Completed years from which the adolescent categories apply. */
  adolescentFromAge: number;
  /** Completed years from which the person is an adult: outside this table. */
  adultFromAge: number;
  /** Screening values (systolic, diastolic mmHg) at ages fromAge … adolescentFromAge − 1. */
  screeningByAge: Readonly<Record<Sex, readonly (readonly [number, number])[]>>;
  adolescent: {
    elevatedSystolic: number;
    stage1Systolic: number;
    stage1Diastolic: number;
    stage2Systolic: number;
    stage2Diastolic: number;
  };
}

/**
 * AAP 2017: Flynn JT et al., Clinical Practice Guideline for Screening and Management of High
 * Blood Pressure in Children and Adolescents, Pediatrics 2017;140(3):e20171904. Ages 1–12:
 * Table 6, "Screening BP values requiring further evaluation" (the 90th percentile of a child
 * at the 5th height percentile, so a reading below it needs no percentile look-up). From 13
 * years: the adolescent categories of Table 3, which equal the adult ones of 2017.
 */
export const AAP_2017: PaediatricBpTable = {
  id: 'AAP-2017',
  version: 'Pediatrics 2017;140(3):e20171904, Tables 3 and 6',
  citation:
    'Flynn JT, Kaelber DC, Baker-Smith CM, et al. Clinical Practice Guideline for Screening ' +
    'and Management of High Blood Pressure in Children and Adolescents. Pediatrics. ' +
    '2017;140(3):e20171904. Table 6 (ages 1–12), Table 3 (≥ 13 years).',
  note:
    '[check] Vietnam has no national paediatric blood-pressure table; the AAP 2017 screening ' +
    'table is a configurable choice, to be confirmed by the city health department.',
  fromAge: 1,
  adolescentFromAge: 13,
  adultFromAge: 18,
  screeningByAge: {
    1: [
      [98, 52],
      [100, 55],
      [101, 58],
      [102, 60],
      [103, 63],
      [105, 66],
      [106, 68],
      [107, 69],
      [107, 70],
      [108, 72],
      [110, 74],
      [113, 75],
    ],
    2: [
      [98, 54],
      [101, 58],
      [102, 60],
      [103, 62],
      [104, 64],
      [105, 67],
      [106, 68],
      [107, 69],
      [108, 71],
      [109, 72],
      [111, 74],
      [114, 75],
    ],
  },
  adolescent: {
    elevatedSystolic: 120,
    stage1Systolic: 130,
    stage1Diastolic: 80,
    stage2Systolic: 140,
    stage2Diastolic: 90,
  },
};

export type ChildBpCategory =
  | 'below-screening-threshold'
  | 'needs-further-evaluation'
  | 'normal'
  | 'elevated'
  | 'stage-1-hypertension'
  | 'stage-2-hypertension'
  | 'not-classified';

export type ChildBpNotClassifiedReason =
  | 'unknown-age'
  | 'under-table-age'
  | 'adult'
  /** The chosen table has no value for this sex and age. */
  | 'no-table-value'
  /** The station chose to classify no child's blood pressure (settings). */
  | 'no-table-chosen'
  | 'invalid-reading';

/**
 * Ages 1–12 get only a screening answer, never a hypertension grade; from 13 years the AAP
 * categories describe this reading, and a diagnosis needs readings at three visits.
 */
export const CHILD_BP_LABELS: Readonly<Record<ChildBpCategory, LocalisedText>> = {
  'below-screening-threshold': {
    vi: 'Dưới ngưỡng sàng lọc',
    en: 'Below the screening threshold',
  },
  'needs-further-evaluation': {
    vi: 'Cần đánh giá thêm (đo lại huyết áp)',
    en: 'Needs further evaluation (repeat the measurement)',
  },
  normal: { vi: 'Huyết áp bình thường', en: 'Normal blood pressure' },
  elevated: { vi: 'Huyết áp cao hơn bình thường', en: 'Elevated blood pressure' },
  'stage-1-hypertension': {
    vi: 'Mức tăng huyết áp độ 1 — cần đo lại để chẩn đoán',
    en: 'Stage 1 hypertension range — repeat to diagnose',
  },
  'stage-2-hypertension': {
    vi: 'Mức tăng huyết áp độ 2 — cần đo lại để chẩn đoán',
    en: 'Stage 2 hypertension range — repeat to diagnose',
  },
  'not-classified': { vi: 'Không phân loại', en: 'Not classified' },
};

export interface ChildBpInput {
  sex: Sex;
  /** Completed years; alternatively birthDate and measuredOn (ISO yyyy-mm-dd). */
  ageYears?: number | null;
  birthDate?: string | null;
  measuredOn?: string | null;
  systolic: number;
  diastolic: number;
}

export interface ChildBpResult {
  category: ChildBpCategory;
  label: LocalisedText;
  ageYears: number | null;
  tableId: string;
  source: string;
  /** The screening values compared with (Table 6: by age to 12 years, 120/80 from 13). */
  threshold: { systolic: number; diastolic: number } | null;
  /** Measure again (another visit) before anything is concluded. */
  repeatMeasurement: boolean;
  notClassifiedReason: ChildBpNotClassifiedReason | null;
}

function completedYears(input: ChildBpInput): number | null {
  if (typeof input.ageYears === 'number') {
    return Number.isFinite(input.ageYears) && input.ageYears >= 0
      ? Math.floor(input.ageYears)
      : null;
  }
  if (input.birthDate && input.measuredOn) {
    if (!isValidIsoDate(input.birthDate) || !isValidIsoDate(input.measuredOn)) return null;
    const years = ageInYears(input.birthDate, input.measuredOn);
    return years >= 0 ? years : null;
  }
  return null;
}

function isReading(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/**
 * The station's choice (Cài đặt): classify children's blood pressure with AAP 2017, or show
 * every child's reading as "not classified". Never adult thresholds.
 */
export const CHILD_BP_TABLE_CHOICES = ['aap2017', 'none'] as const;
export type ChildBpTableChoice = (typeof CHILD_BP_TABLE_CHOICES)[number];

export function childBpTableFor(choice: ChildBpTableChoice): PaediatricBpTable | null {
  return choice === 'aap2017' ? AAP_2017 : null;
}

const NO_TABLE_SOURCE =
  'Trạm đã chọn không phân loại huyết áp trẻ em (Cài đặt) / The station classifies no child blood pressure (Settings)';

export function classifyChildBloodPressure(
  input: ChildBpInput,
  chosen: PaediatricBpTable | null = AAP_2017,
): ChildBpResult {
  const ageYears = completedYears(input);
  if (chosen === null) {
    return {
      category: 'not-classified',
      label: CHILD_BP_LABELS['not-classified'],
      ageYears,
      tableId: 'none',
      source: NO_TABLE_SOURCE,
      threshold: null,
      repeatMeasurement: false,
      notClassifiedReason: 'no-table-chosen',
    };
  }
  const table = chosen;
  const result = (
    category: ChildBpCategory,
    threshold: ChildBpResult['threshold'] = null,
    notClassifiedReason: ChildBpNotClassifiedReason | null = null,
  ): ChildBpResult => ({
    category,
    label: CHILD_BP_LABELS[category],
    ageYears,
    tableId: table.id,
    source: table.citation,
    threshold,
    repeatMeasurement: !['below-screening-threshold', 'normal', 'not-classified'].includes(
      category,
    ),
    notClassifiedReason,
  });

  const { systolic, diastolic } = input;
  if (ageYears === null) return result('not-classified', null, 'unknown-age');
  if (ageYears < table.fromAge) return result('not-classified', null, 'under-table-age');
  if (ageYears >= table.adultFromAge) return result('not-classified', null, 'adult');
  if (!isReading(systolic) || !isReading(diastolic) || diastolic >= systolic) {
    return result('not-classified', null, 'invalid-reading');
  }

  if (ageYears < table.adolescentFromAge) {
    const row = table.screeningByAge[input.sex][ageYears - table.fromAge];
    if (!row) return result('not-classified', null, 'no-table-value');
    const threshold = { systolic: row[0], diastolic: row[1] };
    // Table 6 lists the values that require further evaluation: either reading at or above.
    const needsEvaluation = systolic >= threshold.systolic || diastolic >= threshold.diastolic;
    return result(
      needsEvaluation ? 'needs-further-evaluation' : 'below-screening-threshold',
      threshold,
    );
  }

  // AAP 2017 Table 3 (≥ 13 years): the higher of the systolic and diastolic category.
  const a = table.adolescent;
  const threshold = { systolic: a.elevatedSystolic, diastolic: a.stage1Diastolic };
  if (systolic >= a.stage2Systolic || diastolic >= a.stage2Diastolic) {
    return result('stage-2-hypertension', threshold);
  }
  if (systolic >= a.stage1Systolic || diastolic >= a.stage1Diastolic) {
    return result('stage-1-hypertension', threshold);
  }
  return result(systolic >= a.elevatedSystolic ? 'elevated' : 'normal', threshold);
}
