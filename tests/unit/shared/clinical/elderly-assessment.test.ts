import { describe, expect, it } from 'vitest';
import {
  assessElderlyScreening,
  type ElderlyScreeningValues,
} from '../../../../src-shared/clinical/elderly-assessment';
import { GDS_15, KATZ_ADL, PRISMA_7 } from '../../../../src-shared/clinical/instruments';
import {
  REFERRAL_REASON_LABELS,
  REFERRAL_REASONS,
  suggestReferrals,
} from '../../../../src-shared/clinical/referral';
import { CLINICAL_THRESHOLDS } from '../../../../src-shared/clinical/thresholds';
import { elderlyScreeningSchema } from '../../../../src-shared/schemas/elderly-screening';

const T = CLINICAL_THRESHOLDS;

const healthy: ElderlyScreeningValues = {
  measurements: {
    heightCm: 160,
    weightKg: 56,
    waistCm: 82,
    bloodPressure: {
      first: { systolic: 124, diastolic: 78 },
      second: { systolic: 122, diastolic: 76 },
    },
    glucose: { kind: 'fasting', unit: 'mmol/L', value: 5.1 },
  },
  instruments: {
    katzAdl: Object.fromEntries(KATZ_ADL.items.map((i) => [i.id, 'independent'])),
    miniCog: { wordRecall: '3', clockDraw: 'normal' },
    timedUpAndGoSeconds: 9.5,
  },
};

describe('assessElderlyScreening', () => {
  it('classifies every finding of a healthy resident and suggests no referral', () => {
    const result = assessElderlyScreening(healthy, { sex: '1' });
    expect(result.thresholdsVersion).toBe(T.version);
    expect(result.bloodPressure).toMatchObject({ category: 'normal', systolic: 123 });
    expect(result.glucose).toMatchObject({ category: 'normal', source: T.glucose.source });
    expect(result.bmi).toMatchObject({ category: 'normal', bmi: 21.9 });
    expect(result.waist).toMatchObject({ category: 'normal', cutOffCm: 90 });
    expect(result.instruments.katzAdl).toMatchObject({ status: 'scored', score: 6 });
    expect(result.instruments.miniCog).toMatchObject({ score: 5, flagged: false });
    expect(result.instruments.gds15).toEqual({ status: 'notDone' });
    expect(result.instruments.timedUpAndGo).toMatchObject({ category: 'withinNormal' });
    expect(result.suggestedReferrals).toEqual([]);
  });

  it('the same waist is abdominal obesity for a woman', () => {
    expect(assessElderlyScreening(healthy, { sex: '2' }).waist).toMatchObject({
      category: 'abdominalObesity',
    });
  });

  it('suggests every referral its findings call for, each with its source', () => {
    const frail: ElderlyScreeningValues = {
      measurements: {
        bloodPressure: { first: { systolic: 152, diastolic: 88 } },
        glucose: { kind: 'fasting', unit: 'mg/dL', value: 140 },
      },
      instruments: {
        katzAdl: { ...healthy.instruments?.katzAdl, continence: 'dependent' },
        lawtonIadl: {
          telephone: '1',
          shopping: '3',
          foodPreparation: '4',
          housekeeping: '2',
          laundry: '3',
          transportation: '4',
          medications: '2',
          finances: '2',
        },
        gds15: Object.fromEntries(GDS_15.items.map((i) => [i.id, 'no'])),
        miniCog: { wordRecall: '1', clockDraw: 'abnormal' },
        prisma7: Object.fromEntries(PRISMA_7.items.map((i) => [i.id, 'yes'])),
        timedUpAndGoSeconds: 18,
      },
    };
    const result = assessElderlyScreening(frail, { sex: '2' });
    expect(result.bloodPressure).toMatchObject({ category: 'isolatedSystolic' });
    expect(result.suggestedReferrals).toEqual([
      { reason: 'hypertension', source: T.bloodPressure.source },
      { reason: 'diabetesRange', source: T.glucose.source },
      { reason: 'adlDependence', source: T.instruments.katzAdl.source },
      { reason: 'iadlDependence', source: T.instruments.lawtonIadl.source },
      { reason: 'depressionScreen', source: T.instruments.gds15.source },
      { reason: 'cognitiveScreen', source: T.instruments.miniCog.source },
      { reason: 'fallRisk', source: T.instruments.timedUpAndGo.source },
      { reason: 'frailty', source: T.instruments.prisma7.source },
    ]);
  });

  it('suggests nothing from an unfinished questionnaire or an implausible measurement', () => {
    const result = assessElderlyScreening({
      measurements: {
        weightKg: 500,
        heightCm: 160,
        bloodPressure: { first: { systolic: 90, diastolic: 160 } },
      },
      instruments: { gds15: { satisfiedWithLife: 'no', goodSpirits: 'no', happy: 'no' } },
    });
    expect(result.bmi).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:25–250',
    });
    expect(result.bloodPressure).toMatchObject({ status: 'implausible' });
    expect(result.instruments.gds15).toEqual({ status: 'incomplete', answered: 3, total: 15 });
    expect(result.suggestedReferrals).toEqual([]);
  });

  it('does not suggest a referral for prediabetes or for high-normal pressure', () => {
    const result = assessElderlyScreening({
      measurements: {
        bloodPressure: { first: { systolic: 138, diastolic: 88 } },
        glucose: { kind: 'fasting', unit: 'mmol/L', value: 6.9 },
      },
    });
    expect(result.glucose).toMatchObject({ category: 'prediabetes' });
    expect(result.bloodPressure).toMatchObject({ category: 'highNormal' });
    expect(result.suggestedReferrals).toEqual([]);
  });

  it('handles an empty form, and a stored screening, alike', () => {
    const empty = assessElderlyScreening(undefined);
    expect(empty.bmi).toEqual({ status: 'missing' });
    expect(empty.waist).toEqual({ status: 'missing' });
    expect(empty.instruments.prisma7).toEqual({ status: 'notDone' });

    const stored = elderlyScreeningSchema.parse({
      residentId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      screenedOn: '2026-03-10',
      measurements: { glucose: { kind: 'random', unit: 'mg/dL', value: 230 } },
      healthClass: 3,
      examinerName: 'Lê Thị Hoa',
    });
    expect(assessElderlyScreening(stored).glucose).toMatchObject({
      category: 'diabetes',
      needsSymptoms: true,
      mmolPerL: 12.78,
    });
  });
});

describe('referral reasons', () => {
  it('label every reason in Vietnamese and English', () => {
    for (const reason of REFERRAL_REASONS) {
      expect(REFERRAL_REASON_LABELS[reason].vi.length).toBeGreaterThan(0);
      expect(REFERRAL_REASON_LABELS[reason].en.length).toBeGreaterThan(0);
    }
  });

  it('suggest hypertension for grade 2 but not for a missing pressure', () => {
    const none = { status: 'notDone' } as const;
    const base = {
      glucose: { status: 'missing' },
      katzAdl: none,
      lawtonIadl: none,
      gds15: none,
      miniCog: none,
      prisma7: none,
      timedUpAndGo: { status: 'missing' },
    } as const;
    expect(
      suggestReferrals({
        ...base,
        bloodPressure: {
          status: 'classified',
          category: 'grade2',
          source: T.bloodPressure.source,
          systolic: 165,
          diastolic: 102,
          readingCount: 2,
          hypertension: true,
        },
      }).map((s) => s.reason),
    ).toEqual(['hypertension']);
    expect(suggestReferrals({ ...base, bloodPressure: { status: 'missing' } })).toEqual([]);
  });
});
