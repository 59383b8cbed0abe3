import { AAP_2017, CHILD_BP_LABELS, type ChildBpCategory } from '../clinical/paediatric-bp';
import {
  GROWTH_SOURCES,
  NUTRITION_STATUS_LABELS,
  type NutritionStatusCode,
} from '../clinical/growth';
import { roundHalfUp, type LocalisedText } from '../clinical/types';
import { type ScreeningRound } from '../schemas/school';
import {
  DENTAL_SOURCE,
  PUPIL_REFERRAL_REASON_LABELS,
  PUPIL_REFERRAL_REASONS,
  SAGITTAL_LABELS,
  SCOLIOSIS_LABELS,
  SPINE_SOURCE,
  VISION_SOURCE,
  type PupilAssessment,
} from './pupil-assessment';

/**
 * A class's results for one round: counts and percentages per category. Each percentage is
 * of the pupils measured for that item (its denominator), never of the class list, so absent
 * and not-yet-measured pupils do not dilute it. Definitions: docs/school-reports.md.
 */

export const SUMMARY_GROUPS = [
  'nutrition',
  'bloodPressure',
  'vision',
  'dental',
  'spine',
  'referral',
] as const;
export type SummaryGroupCode = (typeof SUMMARY_GROUPS)[number];

export type PupilRoundStatus = 'measured' | 'absent' | 'notYet';

export interface PupilRoundResult {
  status: PupilRoundStatus;
  /** Present for measured pupils only. */
  assessment: PupilAssessment | null;
}

export interface SummaryRow {
  code: string;
  label: LocalisedText;
  count: number;
  /** Of the group's denominator, one decimal; null when nobody was measured for it. */
  percent: number | null;
}

export interface SummaryGroup {
  group: SummaryGroupCode;
  /** Pupils measured for this item: what the percentages are of. */
  denominator: number;
  /** Where every classification counted here comes from. */
  sources: string[];
  rows: SummaryRow[];
}

export interface ClassSummary {
  round: ScreeningRound;
  counts: { enrolled: number; measured: number; absent: number; notYet: number };
  groups: SummaryGroup[];
}

export const REFERRAL_SOURCE =
  'Joint Circular 13/2016/TTLT-BYT-BGDĐT (pupils with a health problem are referred and ' +
  'their parents informed); referral rules of this station: docs/school-reports.md';

/**
 * Display order: the 5–19-year statuses of most pupils first (thinness to obesity, then
 * stunting), then the under-5 statuses of preschool children, then what is not a status. A
 * record over every code, so a status added to the growth engine cannot be left uncounted.
 */
const NUTRITION_RANK: Readonly<Record<NutritionStatusCode, number>> = {
  'severe-thinness': 0,
  thinness: 1,
  normal: 2,
  overweight: 3,
  obesity: 4,
  'severe-stunting': 5,
  stunting: 6,
  'severe-underweight': 7,
  underweight: 8,
  'severe-wasting': 9,
  wasting: 10,
  remeasure: 11,
  'not-classified': 12,
};
const NUTRITION_ORDER = (Object.keys(NUTRITION_RANK) as NutritionStatusCode[]).sort(
  (a, b) => NUTRITION_RANK[a] - NUTRITION_RANK[b],
);

/** Rows shown even at zero, so a class with no thin pupil says "0", not nothing. */
const NUTRITION_ALWAYS: ReadonlySet<NutritionStatusCode> = new Set([
  'severe-thinness',
  'thinness',
  'normal',
  'overweight',
  'obesity',
  'stunting',
]);

const BP_ALWAYS: ReadonlySet<ChildBpCategory> = new Set([
  'below-screening-threshold',
  'needs-further-evaluation',
]);

export const SUMMARY_ROW_LABELS = {
  visionReduced: {
    vi: 'Giảm thị lực (không kính dưới 10/10 ở ít nhất một mắt)',
    en: 'Reduced vision (uncorrected below 10/10 in at least one eye)',
  },
  visionEyeExam: { vi: 'Cần khám mắt', en: 'Eye examination needed' },
  dentalFinding: { vi: 'Có bệnh răng miệng', en: 'Dental findings' },
  spineAny: { vi: 'Cong vẹo cột sống (bất kỳ)', en: 'Any spinal curvature' },
  referralAny: { vi: 'Học sinh cần chuyển khám, theo dõi', en: 'Pupils to refer or follow up' },
} as const satisfies Record<string, LocalisedText>;

export function percentOf(count: number, denominator: number): number | null {
  return denominator === 0 ? null : roundHalfUp((count / denominator) * 100, 1);
}

function group(
  code: SummaryGroupCode,
  assessed: readonly PupilAssessment[],
  sources: string[],
  rows: readonly { code: string; label: LocalisedText; has: (a: PupilAssessment) => boolean }[],
  keep: (code: string, count: number) => boolean = () => true,
): SummaryGroup {
  return {
    group: code,
    denominator: assessed.length,
    sources,
    rows: rows
      .map((row) => {
        const count = assessed.filter(row.has).length;
        return {
          code: row.code,
          label: row.label,
          count,
          percent: percentOf(count, assessed.length),
        };
      })
      .filter((row) => keep(row.code, row.count)),
  };
}

const distinct = (values: readonly string[], fallback: string): string[] =>
  values.length === 0 ? [fallback] : [...new Set(values)];

export function summariseClass(
  round: ScreeningRound,
  pupils: readonly PupilRoundResult[],
): ClassSummary {
  const measured = pupils.flatMap((p) =>
    p.status === 'measured' && p.assessment ? [p.assessment] : [],
  );
  const withGrowth = measured.filter((a) => a.growth !== null);
  const withBp = measured.filter((a) => a.bloodPressure !== null);
  const withVision = measured.filter((a) => a.vision.measured);

  const groups: SummaryGroup[] = [
    group(
      'nutrition',
      withGrowth,
      distinct(
        withGrowth.flatMap((a) => a.nutrition.map((s) => s.source)),
        GROWTH_SOURCES.ages,
      ),
      NUTRITION_ORDER.map((code) => ({
        code,
        label: NUTRITION_STATUS_LABELS[code],
        has: (a) => a.nutrition.some((s) => s.code === code),
      })),
      (code, count) => count > 0 || NUTRITION_ALWAYS.has(code as NutritionStatusCode),
    ),
    group(
      'bloodPressure',
      withBp,
      distinct(
        withBp.flatMap((a) => (a.bloodPressure ? [a.bloodPressure.source] : [])),
        AAP_2017.citation,
      ),
      (Object.keys(CHILD_BP_LABELS) as ChildBpCategory[]).map((code) => ({
        code,
        label: CHILD_BP_LABELS[code],
        has: (a) => a.bloodPressure?.category === code,
      })),
      (code, count) => count > 0 || BP_ALWAYS.has(code as ChildBpCategory),
    ),
    group(
      'vision',
      withVision,
      [VISION_SOURCE],
      [
        { code: 'reduced', label: SUMMARY_ROW_LABELS.visionReduced, has: (a) => a.vision.reduced },
        {
          code: 'eyeExam',
          label: SUMMARY_ROW_LABELS.visionEyeExam,
          has: (a) => a.vision.needsEyeExam,
        },
      ],
    ),
  ];

  // Round II is the physique round (QĐ 1551 pupil templates): teeth and spine are examined
  // at round I, so at round II an empty field is no examination, not a healthy finding.
  if (round === 'I') {
    groups.push(
      group(
        'dental',
        measured,
        [DENTAL_SOURCE],
        [
          {
            code: 'finding',
            label: SUMMARY_ROW_LABELS.dentalFinding,
            has: (a) => a.dental.finding,
          },
        ],
      ),
      group(
        'spine',
        measured,
        [SPINE_SOURCE],
        [
          {
            code: 'kyphosis',
            label: SAGITTAL_LABELS.kyphosis,
            has: (a) => a.spine.sagittal === 'kyphosis',
          },
          {
            code: 'lordosis',
            label: SAGITTAL_LABELS.lordosis,
            has: (a) => a.spine.sagittal === 'lordosis',
          },
          {
            code: 'scoliosisS',
            label: SCOLIOSIS_LABELS.S,
            has: (a) => a.spine.scoliosis === 'S',
          },
          {
            code: 'scoliosisC',
            label: SCOLIOSIS_LABELS.C,
            has: (a) => a.spine.scoliosis === 'C',
          },
          { code: 'any', label: SUMMARY_ROW_LABELS.spineAny, has: (a) => a.spine.finding },
        ],
      ),
    );
  }

  groups.push(
    group(
      'referral',
      measured,
      [REFERRAL_SOURCE],
      [
        ...PUPIL_REFERRAL_REASONS.map((reason) => ({
          code: reason,
          label: PUPIL_REFERRAL_REASON_LABELS[reason],
          has: (a: PupilAssessment) => a.referralReasons.includes(reason),
        })),
        {
          code: 'any',
          label: SUMMARY_ROW_LABELS.referralAny,
          has: (a) => a.referralReasons.length > 0,
        },
      ],
    ),
  );

  return {
    round,
    counts: {
      enrolled: pupils.length,
      measured: measured.length,
      absent: pupils.filter((p) => p.status === 'absent').length,
      notYet: pupils.filter((p) => p.status === 'notYet').length,
    },
    groups,
  };
}
