import { describe, expect, it } from 'vitest';
import {
  classifyGlucose,
  glucoseToMmolPerL,
  normaliseGlucose,
} from '../../../../src-shared/clinical/glucose';
import { CLINICAL_THRESHOLDS } from '../../../../src-shared/clinical/thresholds';

describe('fasting plasma glucose (QĐ 5481/2020)', () => {
  it.each([
    [5.5, 'normal'],
    [5.6, 'prediabetes'],
    [6.9, 'prediabetes'],
    [6.95, 'prediabetes'],
    [7.0, 'diabetes'],
    [12, 'diabetes'],
  ] as const)('%f mmol/L is %s', (value, expected) => {
    expect(classifyGlucose({ kind: 'fasting', unit: 'mmol/L', value })).toMatchObject({
      status: 'classified',
      category: expected,
    });
  });

  it.each([
    [99, 'normal'],
    [100, 'prediabetes'],
    [125, 'prediabetes'],
    [126, 'diabetes'],
  ] as const)('%i mg/dL is %s, as the guideline pairs mg/dL with mmol/L', (value, expected) => {
    expect(classifyGlucose({ kind: 'fasting', unit: 'mg/dL', value })).toMatchObject({
      category: expected,
    });
  });

  it('cites QĐ 5481/2020 for diabetes and the ADA-style band for prediabetes', () => {
    const diabetes = classifyGlucose({ kind: 'fasting', unit: 'mmol/L', value: 7.4 });
    const prediabetes = classifyGlucose({ kind: 'fasting', unit: 'mmol/L', value: 6.1 });
    expect(diabetes).toMatchObject({ source: CLINICAL_THRESHOLDS.glucose.source });
    expect(prediabetes).toMatchObject({ source: CLINICAL_THRESHOLDS.glucose.prediabetesSource });
    expect(CLINICAL_THRESHOLDS.glucose.source).toContain('5481');
  });
});

describe('random plasma glucose', () => {
  it('at 11.1 mmol/L (200 mg/dL) is in the diabetes range, given symptoms', () => {
    expect(classifyGlucose({ kind: 'random', unit: 'mmol/L', value: 11.1 })).toMatchObject({
      category: 'diabetes',
      needsSymptoms: true,
    });
    expect(classifyGlucose({ kind: 'random', unit: 'mg/dL', value: 200 })).toMatchObject({
      category: 'diabetes',
    });
  });

  it('below 11.1 is not classifiable, and never called prediabetes or normal', () => {
    expect(classifyGlucose({ kind: 'random', unit: 'mmol/L', value: 11.0 })).toMatchObject({
      category: 'randomBelowDiabetes',
      needsSymptoms: false,
    });
    expect(classifyGlucose({ kind: 'random', unit: 'mg/dL', value: 199 })).toMatchObject({
      category: 'randomBelowDiabetes',
    });
    expect(classifyGlucose({ kind: 'random', unit: 'mmol/L', value: 6.2 })).toMatchObject({
      category: 'randomBelowDiabetes',
    });
  });
});

describe('normalisation to mmol/L', () => {
  it('divides mg/dL by 18 so that 126 mg/dL is exactly 7.0 mmol/L', () => {
    expect(glucoseToMmolPerL(126, 'mg/dL')).toBe(7);
    expect(glucoseToMmolPerL(6.3, 'mmol/L')).toBe(6.3);
  });

  it('keeps the entered unit and value and adds mmol/L to two decimals', () => {
    expect(normaliseGlucose({ kind: 'fasting', unit: 'mg/dL', value: 125 })).toEqual({
      kind: 'fasting',
      unit: 'mg/dL',
      value: 125,
      mmolPerL: 6.94,
    });
  });

  it('reports the normalised value alongside the class', () => {
    expect(classifyGlucose({ kind: 'fasting', unit: 'mg/dL', value: 90 })).toMatchObject({
      mmolPerL: 5,
      category: 'normal',
    });
  });
});

describe('implausible and missing glucose', () => {
  it('refuses values outside 1–40 mmol/L in either unit', () => {
    const refused = { status: 'implausible', message: 'validation.glucose.implausible' };
    expect(classifyGlucose({ kind: 'fasting', unit: 'mmol/L', value: 126 })).toEqual(refused);
    expect(classifyGlucose({ kind: 'fasting', unit: 'mg/dL', value: 900 })).toEqual(refused);
    expect(classifyGlucose({ kind: 'fasting', unit: 'mg/dL', value: 10 })).toEqual(refused);
    expect(classifyGlucose({ kind: 'fasting', unit: 'mmol/L', value: 40 })).toMatchObject({
      status: 'classified',
    });
  });

  it('is missing without a value or without knowing fasting from random', () => {
    expect(classifyGlucose(null)).toEqual({ status: 'missing' });
    expect(classifyGlucose({ kind: 'fasting', unit: 'mmol/L', value: null })).toEqual({
      status: 'missing',
    });
    expect(classifyGlucose({ kind: null, unit: 'mmol/L', value: 8 })).toEqual({
      status: 'missing',
    });
  });
});
