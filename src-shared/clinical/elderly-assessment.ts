import type { SexCode } from '../schemas/resident';
import type { ElderlyScreeningInput } from '../schemas/elderly-screening';
import { type BmiAssessment, classifyBmi, classifyWaist, type WaistAssessment } from './adult-body';
import { type BloodPressureAssessment, classifyBloodPressure } from './blood-pressure';
import { classifyGlucose, type GlucoseAssessment } from './glucose';
import {
  assessQuestionnaire,
  classifyTimedUpAndGo,
  ELDERLY_QUESTIONNAIRES,
  type InstrumentAssessment,
  type TugAssessment,
} from './instruments';
import { type SuggestedReferral, suggestReferrals } from './referral';
import { CLINICAL_THRESHOLDS } from './thresholds';

/** Any stage of the form: every field may still be blank, and nested groups may be absent. */
type FormStage<T> = T extends readonly (infer Row)[]
  ? readonly FormStage<Row>[]
  : T extends object
    ? { readonly [K in keyof T]?: FormStage<T[K]> | null }
    : T;

/** What the form holds while the health worker types, or a saved screening. */
export type ElderlyScreeningValues = FormStage<ElderlyScreeningInput>;

export interface ElderlyAssessment {
  /** CLINICAL_THRESHOLDS.version the classifications were made with. */
  readonly thresholdsVersion: string;
  readonly bloodPressure: BloodPressureAssessment;
  readonly glucose: GlucoseAssessment;
  readonly bmi: BmiAssessment;
  readonly waist: WaistAssessment;
  readonly instruments: {
    readonly katzAdl: InstrumentAssessment;
    readonly lawtonIadl: InstrumentAssessment;
    readonly gds15: InstrumentAssessment;
    readonly miniCog: InstrumentAssessment;
    readonly prisma7: InstrumentAssessment;
    readonly timedUpAndGo: TugAssessment;
  };
  readonly suggestedReferrals: readonly SuggestedReferral[];
}

/**
 * Every classification of one elderly screening, each with the guideline it follows, the
 * instrument scores and flags, and the referrals they suggest. Pure and total: it accepts the
 * form at any stage, so the renderer can show it as the health worker types, and the main
 * side can recompute it from a stored screening. The resident's sex comes from the resident
 * record; without it the waist is not classified.
 */
export function assessElderlyScreening(
  values: ElderlyScreeningValues | null | undefined,
  resident: { readonly sex?: SexCode | null } = {},
): ElderlyAssessment {
  const m = values?.measurements;
  const answers = values?.instruments;
  const Q = ELDERLY_QUESTIONNAIRES;
  const bloodPressure = classifyBloodPressure([m?.bloodPressure?.first, m?.bloodPressure?.second]);
  const glucose = classifyGlucose(m?.glucose ?? null);
  const instruments = {
    katzAdl: assessQuestionnaire(Q.katzAdl, answers?.katzAdl),
    lawtonIadl: assessQuestionnaire(Q.lawtonIadl, answers?.lawtonIadl),
    gds15: assessQuestionnaire(Q.gds15, answers?.gds15),
    miniCog: assessQuestionnaire(Q.miniCog, answers?.miniCog),
    prisma7: assessQuestionnaire(Q.prisma7, answers?.prisma7),
    timedUpAndGo: classifyTimedUpAndGo(answers?.timedUpAndGoSeconds),
  };
  return {
    thresholdsVersion: CLINICAL_THRESHOLDS.version,
    bloodPressure,
    glucose,
    bmi: classifyBmi(m?.weightKg, m?.heightCm),
    waist: classifyWaist(m?.waistCm, resident.sex),
    instruments,
    suggestedReferrals: suggestReferrals({ bloodPressure, glucose, ...instruments }),
  };
}
