import type { LocalisedText } from '../../../src-shared/clinical/types';
import type {
  PupilMeasurements,
  PupilMeasurementsInput,
  ScreeningRound,
} from '../../../src-shared/schemas/school';
import { SAGITTAL_CURVES, SCOLIOSIS_SHAPES } from '../../../src-shared/schemas/school';

/** The school year a date falls in: it starts in August–September (Vietnamese school calendar). */
export function currentSchoolYear(date: Date): string {
  const year = date.getFullYear();
  const start = date.getMonth() >= 7 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function localised(text: LocalisedText, language: string): string {
  return language.startsWith('en') ? text.en : text.vi;
}

/**
 * The grid's columns, in the order the nurse measures and Tab moves: physique, blood pressure
 * and heart rate, vision per eye without then with glasses, teeth, spine, notes (QĐ 1551
 * pupil templates, round I). Round II (physique) shows height, weight and notes only.
 */
export const GRID_COLUMNS = [
  { key: 'heightCm', kind: 'decimal', roundII: true },
  { key: 'weightKg', kind: 'decimal', roundII: true },
  { key: 'systolic', kind: 'integer', roundII: false },
  { key: 'diastolic', kind: 'integer', roundII: false },
  { key: 'heartRate', kind: 'integer', roundII: false },
  { key: 'rightUncorrected', kind: 'acuity', roundII: false },
  { key: 'rightCorrected', kind: 'acuity', roundII: false },
  { key: 'leftUncorrected', kind: 'acuity', roundII: false },
  { key: 'leftCorrected', kind: 'acuity', roundII: false },
  { key: 'dentalUpper', kind: 'text', roundII: false },
  { key: 'dentalLower', kind: 'text', roundII: false },
  { key: 'sagittal', kind: 'sagittal', roundII: false },
  { key: 'scoliosis', kind: 'scoliosis', roundII: false },
  { key: 'notes', kind: 'text', roundII: true },
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];
export type ColumnKey = GridColumn['key'];

export function columnsFor(round: ScreeningRound): readonly GridColumn[] {
  return round === 'I' ? GRID_COLUMNS : GRID_COLUMNS.filter((c) => c.roundII);
}

/** What the nurse typed in one row, as text: kept as typed until it is saved. */
export type RowValues = Record<ColumnKey, string>;

export const EMPTY_ROW: RowValues = {
  heightCm: '',
  weightKg: '',
  systolic: '',
  diastolic: '',
  heartRate: '',
  rightUncorrected: '',
  rightCorrected: '',
  leftUncorrected: '',
  leftCorrected: '',
  dentalUpper: '',
  dentalLower: '',
  sagittal: 'none',
  scoliosis: 'none',
  notes: '',
};

const shown = (n: number | null): string => (n === null ? '' : String(n).replace('.', ','));

export function valuesFromMeasurements(m: PupilMeasurements): RowValues {
  return {
    heightCm: shown(m.heightCm),
    weightKg: shown(m.weightKg),
    systolic: shown(m.systolic),
    diastolic: shown(m.diastolic),
    heartRate: shown(m.heartRate),
    rightUncorrected: m.vision.right.uncorrected,
    rightCorrected: m.vision.right.corrected,
    leftUncorrected: m.vision.left.uncorrected,
    leftCorrected: m.vision.left.corrected,
    dentalUpper: m.dental.upper,
    dentalLower: m.dental.lower,
    sagittal: m.spine.sagittal,
    scoliosis: m.spine.scoliosis,
    notes: m.notes,
  };
}

/** "49,5" as Vietnamese write it, or "49.5"; blank is null; anything else NaN (the schema refuses it). */
export function parseGridNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** "10" or "10/10" for ten tenths: the chart's denominator may be left out when typing fast. */
export function normaliseAcuity(text: string): string {
  const trimmed = text.trim();
  return /^\d{1,2}$/.test(trimmed) ? `${trimmed}/10` : trimmed;
}

const oneOf = <T extends string>(list: readonly T[], value: string, fallback: T): T =>
  (list as readonly string[]).includes(value) ? (value as T) : fallback;

export function measurementsFromValues(
  v: RowValues,
  round: ScreeningRound,
): PupilMeasurementsInput {
  const physique = {
    heightCm: parseGridNumber(v.heightCm),
    weightKg: parseGridNumber(v.weightKg),
    notes: v.notes,
  };
  if (round === 'II') return physique;
  return {
    ...physique,
    systolic: parseGridNumber(v.systolic),
    diastolic: parseGridNumber(v.diastolic),
    heartRate: parseGridNumber(v.heartRate),
    vision: {
      right: {
        uncorrected: normaliseAcuity(v.rightUncorrected),
        corrected: normaliseAcuity(v.rightCorrected),
      },
      left: {
        uncorrected: normaliseAcuity(v.leftUncorrected),
        corrected: normaliseAcuity(v.leftCorrected),
      },
    },
    dental: { upper: v.dentalUpper, lower: v.dentalLower },
    spine: {
      sagittal: oneOf(SAGITTAL_CURVES, v.sagittal, 'none'),
      scoliosis: oneOf(SCOLIOSIS_SHAPES, v.scoliosis, 'none'),
    },
  };
}

/** The grid column a schema issue belongs to (`vision.right.uncorrected` → rightUncorrected). */
export function columnOfIssue(path: readonly (string | number)[]): ColumnKey | null {
  const [head, second, third] = path.map(String);
  if (head === 'vision' && (second === 'right' || second === 'left')) {
    return `${second}${third === 'corrected' ? 'Corrected' : 'Uncorrected'}` as ColumnKey;
  }
  if (head === 'dental') return second === 'lower' ? 'dentalLower' : 'dentalUpper';
  if (head === 'spine') return second === 'scoliosis' ? 'scoliosis' : 'sagittal';
  return GRID_COLUMNS.some((c) => c.key === head) ? (head as ColumnKey) : null;
}

export function isBlankRow(v: RowValues): boolean {
  return (Object.keys(EMPTY_ROW) as ColumnKey[]).every((k) => v[k] === EMPTY_ROW[k]);
}
