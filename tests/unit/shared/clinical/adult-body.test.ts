import { describe, expect, it } from 'vitest';
import {
  bmiCategory,
  bodyMassIndex,
  classifyBmi,
  classifyWaist,
} from '../../../../src-shared/clinical/adult-body';
import { CLINICAL_THRESHOLDS } from '../../../../src-shared/clinical/thresholds';

// At 200 cm, BMI = weight ÷ 4, so each boundary is an exact weight.
const atHeight200 = (weightKg: number) => classifyBmi(weightKg, 200);

describe('adult BMI with Asian cut-offs (WHO WPRO 2000)', () => {
  it.each([
    [73.6, 18.4, 'underweight'],
    [74, 18.5, 'normal'],
    [91.6, 22.9, 'normal'],
    [92, 23.0, 'overweight'],
    [99.6, 24.9, 'overweight'],
    [100, 25.0, 'obese1'],
    [119.6, 29.9, 'obese1'],
    [120, 30.0, 'obese2'],
  ] as const)('%f kg at 200 cm: BMI %f is %s', (weight, bmi, expected) => {
    expect(atHeight200(weight)).toEqual({
      status: 'classified',
      category: expected,
      bmi,
      source: CLINICAL_THRESHOLDS.adultBmi.source,
    });
  });

  it('classifies the BMI as shown, rounded to one decimal: 22.95 is 23.0 and overweight', () => {
    expect(bodyMassIndex(91.8, 200)).toBeCloseTo(22.95, 10);
    expect(atHeight200(91.8)).toMatchObject({ bmi: 23.0, category: 'overweight' });
  });

  it('rounds 22.9475 down to 22.9, still normal', () => {
    expect(atHeight200(91.79)).toMatchObject({ bmi: 22.9, category: 'normal' });
  });

  it('classifies a typical resident: 55 kg, 155 cm → 22.9, normal', () => {
    expect(classifyBmi(55, 155)).toMatchObject({ bmi: 22.9, category: 'normal' });
  });

  it('maps rounded values straight to their class', () => {
    expect(bmiCategory(18.49)).toBe('underweight');
    expect(bmiCategory(29.99)).toBe('obese1');
  });

  it('never classifies a weight of 500 kg or a height of 1.6 cm', () => {
    expect(classifyBmi(500, 160)).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:25–250',
    });
    expect(classifyBmi(60, 1.6)).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:100–220',
    });
  });

  it('never classifies a BMI no adult has, even from plausible height and weight', () => {
    expect(classifyBmi(250, 100)).toEqual({
      status: 'implausible',
      message: 'validation.bmi.implausible',
    });
  });

  it('is missing until both height and weight are entered', () => {
    expect(classifyBmi(60, null)).toEqual({ status: 'missing' });
    expect(classifyBmi(undefined, 160)).toEqual({ status: 'missing' });
  });
});

describe('abdominal obesity by waist (WHO WPRO 2000 / IDF 2006)', () => {
  it.each([
    ['1', 89, 'normal'],
    ['1', 90, 'abdominalObesity'],
    ['2', 79, 'normal'],
    ['2', 80, 'abdominalObesity'],
  ] as const)('sex %s, waist %i cm is %s', (sex, waist, expected) => {
    expect(classifyWaist(waist, sex)).toMatchObject({ status: 'classified', category: expected });
  });

  it('applies the cut-off of the resident’s sex and cites it', () => {
    expect(classifyWaist(85, '1')).toEqual({
      status: 'classified',
      category: 'normal',
      waistCm: 85,
      cutOffCm: 90,
      source: CLINICAL_THRESHOLDS.waist.source,
    });
    expect(classifyWaist(85, '2')).toMatchObject({ category: 'abdominalObesity', cutOffCm: 80 });
  });

  it('cannot classify without the resident’s sex', () => {
    expect(classifyWaist(85, null)).toEqual({ status: 'missing' });
  });

  it('never classifies a waist of 900 cm', () => {
    expect(classifyWaist(900, '2')).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:40–200',
    });
  });
});
