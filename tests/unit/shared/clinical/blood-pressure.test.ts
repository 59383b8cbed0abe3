import { describe, expect, it } from 'vitest';
import {
  bloodPressureCategory,
  classifyBloodPressure,
} from '../../../../src-shared/clinical/blood-pressure';
import { CLINICAL_THRESHOLDS } from '../../../../src-shared/clinical/thresholds';

const reading = (systolic: number | null, diastolic: number | null) => ({ systolic, diastolic });

describe('office blood-pressure class (VHA 2022, bloodPressureCategory)', () => {
  it.each([
    // systolic boundaries, diastolic kept normal
    [129, 80, 'normal'],
    [130, 80, 'highNormal'],
    [139, 80, 'highNormal'],
    // diastolic boundaries, systolic kept normal
    [120, 84, 'normal'],
    [120, 85, 'highNormal'],
    [120, 89, 'highNormal'],
    [120, 90, 'grade1'],
    [120, 99, 'grade1'],
    [120, 100, 'grade2'],
    // both high: the higher class wins
    [145, 92, 'grade1'],
    [159, 99, 'grade1'],
    [160, 99, 'grade2'],
    [150, 100, 'grade2'],
    [135, 95, 'grade1'],
    [185, 115, 'grade2'],
  ] as const)('%i/%i mmHg is %s', (sbp, dbp, expected) => {
    expect(bloodPressureCategory(sbp, dbp)).toBe(expected);
  });

  it('calls 140/89 isolated systolic hypertension and 140/90 grade 1', () => {
    expect(bloodPressureCategory(140, 89)).toBe('isolatedSystolic');
    expect(bloodPressureCategory(140, 90)).toBe('grade1');
  });

  it('keeps isolated systolic hypertension whatever the systolic grade (170/80)', () => {
    expect(bloodPressureCategory(170, 80)).toBe('isolatedSystolic');
  });

  it('separates 139/89 (high-normal) from 140/89 (isolated systolic)', () => {
    expect(bloodPressureCategory(139, 89)).toBe('highNormal');
  });
});

describe('classifying two readings (classifyBloodPressure)', () => {
  it('classifies the mean of the two readings and cites VHA 2022', () => {
    const result = classifyBloodPressure([reading(150, 95), reading(130, 85)]);
    expect(result).toEqual({
      status: 'classified',
      category: 'grade1',
      source: CLINICAL_THRESHOLDS.bloodPressure.source,
      systolic: 140,
      diastolic: 90,
      readingCount: 2,
      hypertension: true,
    });
    expect(CLINICAL_THRESHOLDS.bloodPressure.source).toContain('2022');
  });

  it('does not round a mean of 139.5 up to 140', () => {
    const result = classifyBloodPressure([reading(139, 80), reading(140, 80)]);
    expect(result).toMatchObject({ systolic: 139.5, category: 'highNormal', hypertension: false });
  });

  it('a mean systolic of 140.5 with diastolic 80 is isolated systolic hypertension', () => {
    const result = classifyBloodPressure([reading(141, 80), reading(140, 80)]);
    expect(result).toMatchObject({ systolic: 140.5, category: 'isolatedSystolic' });
  });

  it('a mean diastolic of 89.5 stays below 90', () => {
    const result = classifyBloodPressure([reading(120, 89), reading(120, 90)]);
    expect(result).toMatchObject({ diastolic: 89.5, category: 'highNormal' });
  });

  it('classifies a single reading and says only one was taken', () => {
    const result = classifyBloodPressure([reading(128, 82), reading(null, null)]);
    expect(result).toMatchObject({ category: 'normal', readingCount: 1, hypertension: false });
  });

  it('reports missing when no reading was entered', () => {
    expect(classifyBloodPressure([reading(null, null), undefined])).toEqual({ status: 'missing' });
  });

  it('never classifies a reading whose diastolic is not below its systolic', () => {
    expect(classifyBloodPressure([reading(120, 130), reading(120, 80)])).toEqual({
      status: 'implausible',
      message: 'validation.bloodPressure.diastolicNotBelowSystolic',
    });
    expect(classifyBloodPressure([reading(120, 120)])).toMatchObject({ status: 'implausible' });
  });

  it('never classifies a reading outside the plausible range', () => {
    expect(classifyBloodPressure([reading(1400, 90)])).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:60–300',
    });
    expect(classifyBloodPressure([reading(140, 20)])).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:30–200',
    });
  });

  it('never classifies a half-entered reading', () => {
    expect(classifyBloodPressure([reading(140, null)])).toEqual({
      status: 'implausible',
      message: 'validation.bloodPressure.incomplete',
    });
  });

  it('ignores NaN from a number field holding text as not entered', () => {
    expect(classifyBloodPressure([reading(Number.NaN, Number.NaN)])).toEqual({
      status: 'missing',
    });
  });
});
