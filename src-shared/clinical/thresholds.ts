/**
 * Every clinical threshold the station applies, in one versioned table.
 *
 * Classifiers read their numbers from here and nowhere else, so a change of guideline is one
 * edit, one version bump and one line in docs/clinical.md. Each entry names its source;
 * `check: true` marks figures the project's domain notes hold as not yet verified against the
 * primary text (shown as [check] in docs/clinical.md).
 */

/** A closed range of values that a real measurement can take; outside it is a typing error. */
export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
}

export const CLINICAL_THRESHOLDS = {
  version: '2026.1',

  bloodPressure: {
    source:
      'Hội Tim mạch học Việt Nam / Phân hội Tăng huyết áp Việt Nam 2022, Khuyến cáo chẩn đoán và điều trị tăng huyết áp (huyết áp tại phòng khám)',
    check: true,
    unit: 'mmHg',
    /** Two seated readings 1–2 minutes apart after 3–5 minutes' rest; their mean is classified. */
    readingsAveraged: 2,
    highNormal: { systolic: 130, diastolic: 85 },
    grade1: { systolic: 140, diastolic: 90 },
    grade2: { systolic: 160, diastolic: 100 },
    isolatedSystolic: { systolicAtLeast: 140, diastolicBelow: 90 },
  },

  glucose: {
    source: 'QĐ 5481/QĐ-BYT (30/12/2020), Hướng dẫn chẩn đoán và điều trị đái tháo đường típ 2',
    check: false,
    /**
     * mg/dL per mmol/L. Glucose weighs 180.16 g/mol, so 1 mmol/L = 18.016 mg/dL; QĐ 5481 and
     * ADA print the rounded pairs (126 mg/dL = 7.0 mmol/L), which only ÷ 18 reproduces.
     */
    mgPerDlPerMmolPerL: 18,
    /**
     * The guideline states every threshold in both units; a reading is classified against the
     * pair in the unit it was measured in, so 100 mg/dL is prediabetes as the guideline says,
     * although 100 ÷ 18 = 5.56 mmol/L.
     */
    fasting: {
      prediabetes: { 'mmol/L': 5.6, 'mg/dL': 100 },
      diabetes: { 'mmol/L': 7.0, 'mg/dL': 126 },
    },
    /** Random plasma glucose suggests diabetes only with classic symptoms of hyperglycaemia. */
    random: {
      diabetes: { 'mmol/L': 11.1, 'mg/dL': 200 },
    },
    prediabetesSource: 'QĐ 5481/QĐ-BYT 2020 (rối loạn glucose máu đói, theo ADA)',
  },

  adultBmi: {
    source:
      'WHO WPRO / IASO / IOTF 2000, The Asia-Pacific perspective: redefining obesity and its treatment; WHO Expert Consultation, Lancet 2004;363:157–63',
    check: false,
    /** Lower bound of each class, in kg/m², applied to the BMI rounded to one decimal. */
    normal: 18.5,
    overweight: 23,
    obese1: 25,
    obese2: 30,
    decimals: 1,
  },

  waist: {
    source:
      'WHO WPRO / IASO / IOTF 2000 (vòng eo người châu Á); IDF 2006 consensus, ethnic-specific values for South and East Asians',
    check: false,
    /** Abdominal obesity at or above, in cm. Keys are QĐ 831 sex codes: 1 male, 2 female. */
    abdominalObesity: { '1': 90, '2': 80 },
  },

  instruments: {
    katzAdl: {
      source:
        'Katz S, et al. JAMA 1963;185:914–9; scoring per Hartford Institute for Geriatric Nursing, Try This: Issue 2',
      check: true,
      /** Fewer than 6 independent activities = dependence in at least one basic ADL. */
      flagBelow: 6,
    },
    lawtonIadl: {
      source: 'Lawton MP, Brody EM. Gerontologist 1969;9:179–86',
      check: true,
      /** Fewer than 8 points = dependence in at least one instrumental activity. */
      flagBelow: 8,
    },
    gds15: {
      source: 'Sheikh JI, Yesavage JA. Clin Gerontol 1986;5:165–73 (GDS short form)',
      check: true,
      flagAtLeast: 5,
    },
    miniCog: {
      source: 'Borson S, et al. Int J Geriatr Psychiatry 2000;15:1021–7; mini-cog.com scoring',
      check: true,
      flagBelow: 3,
    },
    timedUpAndGo: {
      source:
        'Podsiadlo D, Richardson S. J Am Geriatr Soc 1991;39:142–8; cut-off per CDC STEADI (2017)',
      check: true,
      /** Seconds at or above which the resident is at risk of falling. */
      flagAtLeastSeconds: 12,
    },
    prisma7: {
      source: 'Raîche M, Hébert R, Dubois MF. Arch Gerontol Geriatr 2008;47:9–18',
      check: true,
      flagAtLeast: 3,
    },
  },

  /**
   * Plausibility: values outside these ranges are refused at entry and never classified.
   * They are the station's own data-quality bounds for adults, wide enough for any real
   * person, narrow enough to catch a slipped digit (500 kg, 1800 cm).
   */
  plausible: {
    heightCm: { min: 100, max: 220 },
    weightKg: { min: 25, max: 250 },
    waistCm: { min: 40, max: 200 },
    systolic: { min: 60, max: 300 },
    diastolic: { min: 30, max: 200 },
    pulsePerMin: { min: 30, max: 220 },
    glucoseMmolPerL: { min: 1, max: 40 },
    /** A BMI outside this range means height or weight was mistyped, even when each is plausible. */
    bmi: { min: 10, max: 80 },
    /** Hearing test distance in metres (normal voice and whisper). */
    hearingM: { min: 0, max: 10 },
    timedUpAndGoSeconds: { min: 3, max: 300 },
  },
} as const satisfies Record<string, unknown> & {
  version: string;
  plausible: Record<string, PlausibleRange>;
};

export type ClinicalThresholds = typeof CLINICAL_THRESHOLDS;

/** The i18n key (with its range parameter) for a value outside a plausible range. */
export function plausibleRangeMessage(range: PlausibleRange): string {
  return `validation.plausibleRange:${range.min}–${range.max}`;
}

/** Null when the value lies inside the range, otherwise the message explaining why not. */
export function checkPlausible(value: number, range: PlausibleRange): string | null {
  return Number.isFinite(value) && value >= range.min && value <= range.max
    ? null
    : plausibleRangeMessage(range);
}
