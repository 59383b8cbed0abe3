import whoGrowth from '../../../resources/reference/who-growth/who-growth.json';

/**
 * WHO's L, M, S tables and the LMS z-score (WHO Child Growth Standards 2006, chapter 7;
 * WHO Growth Reference 2007). The figures are WHO's own, shipped compact in
 * resources/reference/who-growth (provenance and regeneration in its README).
 */

/** 1 male, 2 female: WHO's coding, also the QĐ 1551 pupil template's. */
export type Sex = 1 | 2;

export type GrowthReference = 'WHO 2006' | 'WHO 2007';

export type GrowthTableId =
  | 'wfa-2006'
  | 'lhfa-2006'
  | 'bmi-2006'
  | 'wfl-2006'
  | 'wfh-2006'
  | 'bfa-2007'
  | 'hfa-2007'
  | 'wfa-2007';

export interface Lms {
  l: number;
  m: number;
  s: number;
}

interface SexColumns {
  l: readonly number[];
  m: readonly number[];
  s: readonly number[];
}

interface TableData {
  file: string;
  start: number;
  step: number;
  count: number;
  sexes: readonly [SexColumns, SexColumns];
}

export interface GrowthTable extends TableData {
  id: GrowthTableId;
  reference: GrowthReference;
  indexedBy: 'age in days' | 'age in months' | 'length (cm)' | 'height (cm)';
  /**
   * WHO restrains z-scores beyond ±3 SD for weight and BMI, whose distributions are skewed to
   * the right; length/height z-scores are used as computed (WHO 2006 standards, chapter 7).
   */
  restrainedBeyond3: boolean;
}

const data = whoGrowth.tables as unknown as Record<GrowthTableId, TableData>;

function defineTable(
  id: GrowthTableId,
  reference: GrowthReference,
  indexedBy: GrowthTable['indexedBy'],
  restrainedBeyond3: boolean,
): GrowthTable {
  return { ...data[id], id, reference, indexedBy, restrainedBeyond3 };
}

export const GROWTH_TABLES: Readonly<Record<GrowthTableId, GrowthTable>> = {
  'wfa-2006': defineTable('wfa-2006', 'WHO 2006', 'age in days', true),
  'lhfa-2006': defineTable('lhfa-2006', 'WHO 2006', 'age in days', false),
  'bmi-2006': defineTable('bmi-2006', 'WHO 2006', 'age in days', true),
  'wfl-2006': defineTable('wfl-2006', 'WHO 2006', 'length (cm)', true),
  'wfh-2006': defineTable('wfh-2006', 'WHO 2006', 'height (cm)', true),
  'bfa-2007': defineTable('bfa-2007', 'WHO 2007', 'age in months', true),
  'hfa-2007': defineTable('hfa-2007', 'WHO 2007', 'age in months', false),
  'wfa-2007': defineTable('wfa-2007', 'WHO 2007', 'age in months', true),
};

/** The table's last index (day, month or cm). */
export function lastIndex(table: GrowthTable): number {
  return table.start + (table.count - 1) * table.step;
}

/**
 * L, M, S at `index`. Between two rows they are interpolated linearly, as WHO AnthroPlus does
 * for the exact age in months and WHO anthro for a length/height between 0.1-cm rows; on a row
 * they are the table's figures. Null outside the table.
 */
export function lookupLms(tableId: GrowthTableId, sex: Sex, index: number): Lms | null {
  const table = GROWTH_TABLES[tableId];
  const columns = table.sexes[sex - 1];
  if (!columns) return null;
  let position = (index - table.start) / table.step;
  // (80.3 − 45) / 0.1 is 352.99999999999994 in binary floating point: that is row 353.
  const row = Math.round(position);
  if (Math.abs(position - row) < 1e-9) position = row;
  if (!(position >= 0 && position <= table.count - 1)) return null;
  const low = Math.floor(position);
  const fraction = position - low;
  const l0 = columns.l[low] as number;
  const m0 = columns.m[low] as number;
  const s0 = columns.s[low] as number;
  if (fraction === 0) return { l: l0, m: m0, s: s0 };
  return {
    l: l0 + fraction * ((columns.l[low + 1] as number) - l0),
    m: m0 + fraction * ((columns.m[low + 1] as number) - m0),
    s: s0 + fraction * ((columns.s[low + 1] as number) - s0),
  };
}

/** The measurement at k SD: SDk = M·(1 + L·S·k)^(1/L). */
export function valueAtSd({ l, m, s }: Lms, k: number): number {
  return l === 0 ? m * Math.exp(s * k) : m * (1 + l * s * k) ** (1 / l);
}

/**
 * z = ((X/M)^L − 1)/(L·S), unrounded. With `restrainedBeyond3`, beyond ±3 SD the distance is
 * measured in units of the 2–3 SD interval: z > 3 → 3 + (X − SD3)/(SD3 − SD2),
 * z < −3 → −3 + (X − SD−3)/(SD−2 − SD−3) (WHO 2006 standards, chapter 7).
 */
export function zFromLms(lms: Lms, value: number, restrainedBeyond3: boolean): number {
  const { l, m, s } = lms;
  const z = l === 0 ? Math.log(value / m) / s : ((value / m) ** l - 1) / (s * l);
  if (!restrainedBeyond3) return z;
  if (z > 3) {
    const sd3 = valueAtSd(lms, 3);
    return 3 + (value - sd3) / (sd3 - valueAtSd(lms, 2));
  }
  if (z < -3) {
    const sd3neg = valueAtSd(lms, -3);
    return -3 + (value - sd3neg) / (valueAtSd(lms, -2) - sd3neg);
  }
  return z;
}

/** Two decimals, as WHO anthro and AnthroPlus report them; halves round away from zero. */
export function roundZ(z: number): number {
  const rounded = Math.round(Math.abs(z) * 100) / 100;
  return rounded === 0 ? 0 : Math.sign(z) * rounded;
}

/**
 * The z-score of `value` against one table, rounded to 2 decimals; null when the index is
 * outside the table or the value is not a positive measurement. The 2006 age tables are
 * indexed by whole days; the 2007 tables by the exact age in months (days / 30.4375).
 */
export function zScore(
  tableId: GrowthTableId,
  sex: Sex,
  index: number,
  value: number,
): number | null {
  if (!(value > 0) || !Number.isFinite(value)) return null;
  const lms = lookupLms(tableId, sex, index);
  if (!lms) return null;
  return roundZ(zFromLms(lms, value, GROWTH_TABLES[tableId].restrainedBeyond3));
}
