import {
  AAP_2017,
  type ChildBpResult,
  classifyChildBloodPressure,
  type PaediatricBpTable,
} from '../clinical/paediatric-bp';
import {
  assessGrowth,
  type GrowthAssessment,
  type GrowthIndicator,
  type NutritionStatusCode,
} from '../clinical/growth';
import { type LocalisedText } from '../clinical/types';
import { foldVietnamese } from '../domain/name-folding';
import {
  type PupilMeasurements,
  type SAGITTAL_CURVES,
  type SCOLIOSIS_SHAPES,
  type ScreeningRound,
} from '../schemas/school';

/**
 * What one pupil's screening means (Joint Circular 13/2016/TTLT-BYT-BGDĐT): nutrition status
 * from the WHO references, children's blood pressure from a paediatric table (never adult
 * grades), reduced vision, dental findings and spinal curvature, and the reasons to refer.
 * Every classification carries its source. Definitions: docs/school-reports.md.
 */

export const VISION_SOURCE =
  'Joint Circular 13/2016/TTLT-BYT-BGDĐT (screening pupils for reduced vision); cut-off as ' +
  'practised in Vietnamese school eye screening: uncorrected visual acuity below 10/10 in ' +
  'either eye = reduced vision, referred for an eye examination unless glasses already ' +
  'correct that eye to 10/10 [check: cut-off to be confirmed by the city health department]';

export const DENTAL_SOURCE =
  'QĐ 1551/QĐ-BYT pupil templates (dental examination, upper and lower jaw); Joint Circular ' +
  '13/2016/TTLT-BYT-BGDĐT (screening for dental disease): any finding the examiner wrote';

export const SPINE_SOURCE =
  'QĐ 1551/QĐ-BYT pupil templates (musculoskeletal: kyphosis, lordosis; scoliosis S or C); ' +
  'Joint Circular 13/2016/TTLT-BYT-BGDĐT (screening for spinal curvature)';

export const PUPIL_REFERRAL_REASONS = [
  'nutrition',
  'bloodPressure',
  'vision',
  'dental',
  'spine',
  'remeasure',
  'examiner',
] as const;
export type PupilReferralReason = (typeof PUPIL_REFERRAL_REASONS)[number];

export const PUPIL_REFERRAL_REASON_LABELS: Readonly<Record<PupilReferralReason, LocalisedText>> = {
  nutrition: { vi: 'Tình trạng dinh dưỡng', en: 'Nutrition status' },
  bloodPressure: {
    vi: 'Huyết áp cần đo lại, đánh giá thêm',
    en: 'Blood pressure to be measured again and evaluated',
  },
  vision: { vi: 'Giảm thị lực — khám mắt', en: 'Reduced vision — eye examination' },
  dental: { vi: 'Bệnh răng miệng', en: 'Dental findings' },
  spine: { vi: 'Cong vẹo cột sống', en: 'Spinal curvature' },
  remeasure: {
    vi: 'Số đo chiều cao/cân nặng không hợp lý — đo lại',
    en: 'Implausible height/weight — measure again',
  },
  examiner: {
    vi: 'Nhân viên y tế ghi nơi chuyển khám',
    en: 'Referral destination written by the examiner',
  },
};

/** One status of the pupil's nutrition (several may apply, e.g. overweight and stunting). */
export interface PupilNutritionStatus {
  code: NutritionStatusCode;
  indicator: GrowthIndicator | null;
  label: LocalisedText;
  source: string;
}

export interface EyeAssessment {
  /** Tenths read on the chart (10 = 10/10); null when not measured. */
  uncorrected: number | null;
  corrected: number | null;
  /** Uncorrected acuity below 10/10. */
  reduced: boolean;
  /** Reduced and not corrected to 10/10 by glasses, or glasses that no longer reach 10/10. */
  needsEyeExam: boolean;
}

export interface VisionAssessment {
  measured: boolean;
  reduced: boolean;
  needsEyeExam: boolean;
  right: EyeAssessment;
  left: EyeAssessment;
  source: string;
}

export interface SpineAssessment {
  finding: boolean;
  sagittal: (typeof SAGITTAL_CURVES)[number];
  scoliosis: (typeof SCOLIOSIS_SHAPES)[number];
  source: string;
}

export interface DentalAssessment {
  finding: boolean;
  upper: string;
  lower: string;
  source: string;
}

export interface PupilAssessment {
  round: ScreeningRound;
  /** null when neither height nor weight was entered. */
  growth: GrowthAssessment | null;
  /** Empty when growth is null. */
  nutrition: PupilNutritionStatus[];
  /** null when no blood pressure was entered. */
  bloodPressure: ChildBpResult | null;
  vision: VisionAssessment;
  dental: DentalAssessment;
  spine: SpineAssessment;
  referralReasons: PupilReferralReason[];
  needsRemeasurement: boolean;
}

export interface PupilAssessmentInput {
  /** 1 male, 2 female (Decision 831/QĐ-BYT). */
  sex: '1' | '2';
  birthDate: string;
  measuredOn: string;
  measurements: PupilMeasurements;
  round: ScreeningRound;
  /** The station's children's blood-pressure table (Cài đặt); null: not classified. */
  childBpTable?: PaediatricBpTable | null;
}

/** The chart's full acuity: 10/10. */
export const FULL_ACUITY_TENTHS = 10;

/** "7/10" → 7; '' → null. The schema admits only n/10 with n from 1 to 10. */
export function acuityTenths(reading: string): number | null {
  const match = /^(\d{1,2})\/10$/.exec(reading.trim());
  return match ? Number(match[1]) : null;
}

function assessEye(eye: { uncorrected: string; corrected: string }): EyeAssessment {
  const uncorrected = acuityTenths(eye.uncorrected);
  const corrected = acuityTenths(eye.corrected);
  const reduced = uncorrected !== null && uncorrected < FULL_ACUITY_TENTHS;
  const glassesFall = corrected !== null && corrected < FULL_ACUITY_TENTHS;
  return {
    uncorrected,
    corrected,
    reduced,
    needsEyeExam: glassesFall || (reduced && corrected === null),
  };
}

/**
 * Notes that record the absence of a finding ("bình thường", "BT", "không sâu răng"): the jaw
 * fields are free text on the pupil templates, and nurses write these rather than leave them blank.
 */
const NO_DENTAL_FINDING = new Set([
  'binh thuong',
  'bt',
  'khong',
  'khong co',
  'chua phat hien',
  'khong benh',
  'khong sau rang',
  'rang binh thuong',
  'normal',
  'none',
  'no',
]);

export function isDentalFinding(note: string): boolean {
  const folded = foldVietnamese(note);
  return folded !== '' && !NO_DENTAL_FINDING.has(folded);
}

const NUTRITION_NOT_REFERRED: ReadonlySet<NutritionStatusCode> = new Set([
  'normal',
  'not-classified',
  'remeasure',
]);

export function assessPupil(input: PupilAssessmentInput): PupilAssessment {
  const m = input.measurements;
  const sex = input.sex === '1' ? 1 : 2;

  const growth =
    m.heightCm === null && m.weightKg === null
      ? null
      : assessGrowth({
          sex,
          birthDate: input.birthDate,
          measuredOn: input.measuredOn,
          weightKg: m.weightKg,
          heightCm: m.heightCm,
        });
  const nutrition: PupilNutritionStatus[] = (growth?.statuses ?? []).map((s) => ({
    code: s.code,
    indicator: s.indicator,
    label: s.label,
    source: s.source,
  }));

  const bloodPressure =
    m.systolic !== null && m.diastolic !== null
      ? classifyChildBloodPressure(
          {
            sex,
            birthDate: input.birthDate,
            measuredOn: input.measuredOn,
            systolic: m.systolic,
            diastolic: m.diastolic,
          },
          input.childBpTable === undefined ? AAP_2017 : input.childBpTable,
        )
      : null;

  const right = assessEye(m.vision.right);
  const left = assessEye(m.vision.left);
  const vision: VisionAssessment = {
    measured: [right, left].some((e) => e.uncorrected !== null || e.corrected !== null),
    reduced: right.reduced || left.reduced,
    needsEyeExam: right.needsEyeExam || left.needsEyeExam,
    right,
    left,
    source: VISION_SOURCE,
  };

  const dental: DentalAssessment = {
    finding: isDentalFinding(m.dental.upper) || isDentalFinding(m.dental.lower),
    upper: m.dental.upper,
    lower: m.dental.lower,
    source: DENTAL_SOURCE,
  };

  const spine: SpineAssessment = {
    finding: m.spine.sagittal !== 'none' || m.spine.scoliosis !== 'none',
    sagittal: m.spine.sagittal,
    scoliosis: m.spine.scoliosis,
    source: SPINE_SOURCE,
  };

  const needsRemeasurement = growth?.needsRemeasurement ?? false;
  const referralReasons: PupilReferralReason[] = [];
  if (nutrition.some((s) => !NUTRITION_NOT_REFERRED.has(s.code))) referralReasons.push('nutrition');
  if (bloodPressure?.repeatMeasurement) referralReasons.push('bloodPressure');
  if (vision.needsEyeExam) referralReasons.push('vision');
  if (dental.finding) referralReasons.push('dental');
  if (spine.finding) referralReasons.push('spine');
  if (needsRemeasurement) referralReasons.push('remeasure');
  if (referralReasons.length === 0 && m.referredTo.trim() !== '') {
    referralReasons.push('examiner');
  }

  return {
    round: input.round,
    growth,
    nutrition,
    bloodPressure,
    vision,
    dental,
    spine,
    referralReasons,
    needsRemeasurement,
  };
}

export const SAGITTAL_LABELS: Readonly<Record<(typeof SAGITTAL_CURVES)[number], LocalisedText>> = {
  none: { vi: 'Không', en: 'None' },
  kyphosis: { vi: 'Gù', en: 'Kyphosis' },
  lordosis: { vi: 'Ưỡn', en: 'Lordosis' },
};

export const SCOLIOSIS_LABELS: Readonly<Record<(typeof SCOLIOSIS_SHAPES)[number], LocalisedText>> =
  {
    none: { vi: 'Không', en: 'None' },
    S: { vi: 'Vẹo cột sống hình chữ S', en: 'Scoliosis, S-shaped' },
    C: { vi: 'Vẹo cột sống hình chữ C', en: 'Scoliosis, C-shaped' },
  };

function eyeText(eye: EyeAssessment, language: 'vi' | 'en'): string {
  const shown = (tenths: number | null) => (tenths === null ? '—' : `${tenths}/10`);
  const glasses =
    eye.corrected === null
      ? ''
      : language === 'vi'
        ? `, có kính ${shown(eye.corrected)}`
        : `, with glasses ${shown(eye.corrected)}`;
  return `${shown(eye.uncorrected)}${glasses}`;
}

/**
 * What was found, in words, for the referral list: every finding behind a referral reason,
 * with the reading it comes from.
 */
export function describeFindings(
  assessment: PupilAssessment,
  measurements: PupilMeasurements,
): LocalisedText[] {
  const findings: LocalisedText[] = [];
  for (const status of assessment.nutrition) {
    if (status.code !== 'normal' && status.code !== 'not-classified') findings.push(status.label);
  }
  const bp = assessment.bloodPressure;
  if (bp?.repeatMeasurement && measurements.systolic !== null && measurements.diastolic !== null) {
    const reading = `${measurements.systolic}/${measurements.diastolic} mmHg`;
    findings.push({
      vi: `Huyết áp ${reading}: ${bp.label.vi}`,
      en: `Blood pressure ${reading}: ${bp.label.en}`,
    });
  }
  const v = assessment.vision;
  if (v.reduced || v.needsEyeExam) {
    findings.push({
      vi: `Thị lực không kính: mắt phải ${eyeText(v.right, 'vi')}; mắt trái ${eyeText(v.left, 'vi')}`,
      en: `Uncorrected visual acuity: right ${eyeText(v.right, 'en')}; left ${eyeText(v.left, 'en')}`,
    });
  }
  if (assessment.dental.finding) {
    const jaws = (upper: string, lower: string) => [upper, lower].filter(Boolean).join('; ');
    const upper = isDentalFinding(measurements.dental.upper) ? measurements.dental.upper : '';
    const lower = isDentalFinding(measurements.dental.lower) ? measurements.dental.lower : '';
    findings.push({
      vi: `Răng miệng: ${jaws(upper && `hàm trên ${upper}`, lower && `hàm dưới ${lower}`)}`,
      en: `Teeth: ${jaws(upper && `upper jaw ${upper}`, lower && `lower jaw ${lower}`)}`,
    });
  }
  if (assessment.spine.sagittal !== 'none')
    findings.push(SAGITTAL_LABELS[assessment.spine.sagittal]);
  if (assessment.spine.scoliosis !== 'none') {
    findings.push(SCOLIOSIS_LABELS[assessment.spine.scoliosis]);
  }
  return findings;
}
