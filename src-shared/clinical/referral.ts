import type { BloodPressureAssessment } from './blood-pressure';
import type { GlucoseAssessment } from './glucose';
import type { InstrumentAssessment, TugAssessment } from './instruments';
import { CLINICAL_THRESHOLDS } from './thresholds';
import type { LocalisedText } from './types';

const T = CLINICAL_THRESHOLDS;

/**
 * Why a resident is referred. The first eight are suggested by the station from measurements
 * and instrument scores; the rest are the health worker's own findings. A suggestion is never
 * a referral by itself: she decides, and records her reasons in the screening.
 */
export const REFERRAL_REASONS = [
  'hypertension',
  'diabetesRange',
  'adlDependence',
  'iadlDependence',
  'depressionScreen',
  'cognitiveScreen',
  'fallRisk',
  'frailty',
  'abnormalExam',
  'vision',
  'hearing',
  'dental',
  'other',
] as const;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];

/** The reason that needs the referral note to say what it is. */
export const REFERRAL_OTHER: ReferralReason = 'other';

export const REFERRAL_REASON_LABELS: Record<ReferralReason, LocalisedText> = {
  hypertension: {
    vi: 'Tăng huyết áp (≥140 và/hoặc ≥90 mmHg)',
    en: 'Hypertension (≥140 and/or ≥90 mmHg)',
  },
  diabetesRange: {
    vi: 'Đường huyết ở ngưỡng đái tháo đường',
    en: 'Blood glucose in the diabetes range',
  },
  adlDependence: {
    vi: 'Phụ thuộc hoạt động sinh hoạt cơ bản (Katz < 6)',
    en: 'Dependence in basic daily activities (Katz < 6)',
  },
  iadlDependence: {
    vi: 'Phụ thuộc hoạt động sinh hoạt có sử dụng phương tiện (Lawton < 8)',
    en: 'Dependence in instrumental daily activities (Lawton < 8)',
  },
  depressionScreen: {
    vi: 'Sàng lọc trầm cảm dương tính (GDS-15 ≥ 5)',
    en: 'Positive depression screen (GDS-15 ≥ 5)',
  },
  cognitiveScreen: {
    vi: 'Sàng lọc nhận thức dương tính (Mini-Cog < 3)',
    en: 'Positive cognitive screen (Mini-Cog < 3)',
  },
  fallRisk: { vi: 'Nguy cơ té ngã (TUG ≥ 12 giây)', en: 'Fall risk (TUG ≥ 12 s)' },
  frailty: { vi: 'Nguy cơ suy yếu (PRISMA-7 ≥ 3)', en: 'Frailty risk (PRISMA-7 ≥ 3)' },
  abnormalExam: {
    vi: 'Bất thường khi khám theo cơ quan',
    en: 'Abnormal finding on examination by system',
  },
  vision: { vi: 'Giảm thị lực', en: 'Reduced vision' },
  hearing: { vi: 'Giảm thính lực', en: 'Reduced hearing' },
  dental: { vi: 'Bệnh răng miệng', en: 'Dental disease' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

/** A referral the station proposes, with the guideline behind it. */
export interface SuggestedReferral {
  readonly reason: ReferralReason;
  readonly source: string;
}

/** What the suggestions are derived from: the classifications of one screening. */
export interface ReferralFindings {
  readonly bloodPressure: BloodPressureAssessment;
  readonly glucose: GlucoseAssessment;
  readonly katzAdl: InstrumentAssessment;
  readonly lawtonIadl: InstrumentAssessment;
  readonly gds15: InstrumentAssessment;
  readonly miniCog: InstrumentAssessment;
  readonly prisma7: InstrumentAssessment;
  readonly timedUpAndGo: TugAssessment;
}

const flagged = (a: InstrumentAssessment): boolean => a.status === 'scored' && a.flagged;

/**
 * Referral suggestions, in REFERRAL_REASONS order. Only classified measurements and fully
 * answered instruments count: a missing, implausible or partial one suggests nothing.
 * Hypertension covers grade 1, grade 2 and isolated systolic hypertension (VHA 2022); a
 * diabetes-range glucose is referred for confirmation (QĐ 5481/2020 needs a second test, or
 * symptoms for a random value); the instruments' cut-offs are in CLINICAL_THRESHOLDS.
 */
export function suggestReferrals(findings: ReferralFindings): SuggestedReferral[] {
  const suggestions: SuggestedReferral[] = [];
  const bp = findings.bloodPressure;
  if (bp.status === 'classified' && bp.hypertension) {
    suggestions.push({ reason: 'hypertension', source: bp.source });
  }
  const glucose = findings.glucose;
  if (glucose.status === 'classified' && glucose.category === 'diabetes') {
    suggestions.push({ reason: 'diabetesRange', source: glucose.source });
  }
  const instruments: [InstrumentAssessment, ReferralReason, string][] = [
    [findings.katzAdl, 'adlDependence', T.instruments.katzAdl.source],
    [findings.lawtonIadl, 'iadlDependence', T.instruments.lawtonIadl.source],
    [findings.gds15, 'depressionScreen', T.instruments.gds15.source],
    [findings.miniCog, 'cognitiveScreen', T.instruments.miniCog.source],
  ];
  for (const [assessment, reason, source] of instruments) {
    if (flagged(assessment)) suggestions.push({ reason, source });
  }
  const tug = findings.timedUpAndGo;
  if (tug.status === 'classified' && tug.category === 'fallRisk') {
    suggestions.push({ reason: 'fallRisk', source: tug.source });
  }
  if (flagged(findings.prisma7)) {
    suggestions.push({ reason: 'frailty', source: T.instruments.prisma7.source });
  }
  return suggestions;
}
