import { describe, expect, it } from 'vitest';
import {
  AAP_2017,
  CHILD_BP_LABELS,
  childBpTableFor,
  classifyChildBloodPressure,
  type PaediatricBpTable,
} from '../../../src-shared/clinical/paediatric-bp';

describe('children 1–12 years: AAP 2017 Table 6 screening values', () => {
  it.each([
    // boy, 1 year: 98/52
    [1, 1, 97, 51, 'below-screening-threshold'],
    [1, 1, 98, 51, 'needs-further-evaluation'],
    [1, 1, 97, 52, 'needs-further-evaluation'],
    // girl, 1 year: 98/54
    [2, 1, 97, 53, 'below-screening-threshold'],
    [2, 1, 97, 54, 'needs-further-evaluation'],
    // boy, 7 years: 106/68
    [1, 7, 105, 67, 'below-screening-threshold'],
    [1, 7, 106, 60, 'needs-further-evaluation'],
    // girl, 12 years: 114/75
    [2, 12, 113, 74, 'below-screening-threshold'],
    [2, 12, 114, 74, 'needs-further-evaluation'],
    [2, 12, 113, 75, 'needs-further-evaluation'],
    // boy, 12 years: 113/75 — the girls' systolic value would not apply
    [1, 12, 113, 70, 'needs-further-evaluation'],
  ] as const)('sex %i, %i y, %i/%i → %s', (sex, ageYears, systolic, diastolic, category) => {
    expect(classifyChildBloodPressure({ sex, ageYears, systolic, diastolic }).category).toBe(
      category,
    );
  });

  it('says which values it compared with and asks for a repeat, never "hypertension"', () => {
    const result = classifyChildBloodPressure({
      sex: 2,
      ageYears: 9,
      systolic: 120,
      diastolic: 60,
    });
    expect(result).toMatchObject({
      category: 'needs-further-evaluation',
      threshold: { systolic: 108, diastolic: 71 },
      repeatMeasurement: true,
      tableId: 'AAP-2017',
    });
    expect(result.label.en).not.toMatch(/hypertension/i);
    expect(result.label.vi).not.toMatch(/tăng huyết áp/i);
    expect(result.source).toContain('Pediatrics. 2017;140(3):e20171904');
  });

  it('takes the age in completed years from the dates: a day before the 13th birthday is 12', () => {
    const at = (measuredOn: string) =>
      classifyChildBloodPressure({
        sex: 1,
        birthDate: '2012-05-10',
        measuredOn,
        systolic: 115,
        diastolic: 70,
      });
    expect(at('2025-05-09')).toMatchObject({
      ageYears: 12,
      category: 'needs-further-evaluation',
    });
    expect(at('2025-05-10')).toMatchObject({ ageYears: 13, category: 'normal' });
  });
});

describe('adolescents from 13 years: AAP 2017 categories', () => {
  it.each([
    [119, 79, 'normal'],
    [120, 79, 'elevated'],
    [129, 79, 'elevated'],
    [130, 79, 'stage-1-hypertension'],
    [119, 80, 'stage-1-hypertension'],
    [139, 89, 'stage-1-hypertension'],
    [140, 70, 'stage-2-hypertension'],
    [110, 90, 'stage-2-hypertension'],
  ] as const)('%i/%i → %s', (systolic, diastolic, category) => {
    const result = classifyChildBloodPressure({ sex: 2, ageYears: 15, systolic, diastolic });
    expect(result.category).toBe(category);
    expect(result.repeatMeasurement).toBe(category !== 'normal');
  });
});

describe('the station may choose no table', () => {
  it('leaves every reading not classified, with the reason, and asks for nothing', () => {
    const result = classifyChildBloodPressure(
      { sex: 1, ageYears: 10, systolic: 150, diastolic: 95 },
      childBpTableFor('none'),
    );
    expect(result).toMatchObject({
      category: 'not-classified',
      notClassifiedReason: 'no-table-chosen',
      repeatMeasurement: false,
      tableId: 'none',
    });
    expect(childBpTableFor('aap2017')).toBe(AAP_2017);
  });
});

describe('not classified, never graded on adult thresholds', () => {
  it('under 1 year', () => {
    expect(
      classifyChildBloodPressure({ sex: 1, ageYears: 0, systolic: 150, diastolic: 95 }),
    ).toMatchObject({ category: 'not-classified', notClassifiedReason: 'under-table-age' });
  });

  it('without an age', () => {
    expect(classifyChildBloodPressure({ sex: 1, systolic: 150, diastolic: 95 })).toMatchObject({
      category: 'not-classified',
      notClassifiedReason: 'unknown-age',
      label: CHILD_BP_LABELS['not-classified'],
    });
    expect(
      classifyChildBloodPressure({
        sex: 1,
        birthDate: '2015-02-30',
        measuredOn: '2025-01-01',
        systolic: 150,
        diastolic: 95,
      }).notClassifiedReason,
    ).toBe('unknown-age');
  });

  it('from 18 years, which the adult rules cover', () => {
    expect(
      classifyChildBloodPressure({ sex: 2, ageYears: 18, systolic: 150, diastolic: 95 }),
    ).toMatchObject({ category: 'not-classified', notClassifiedReason: 'adult' });
  });

  it('with an impossible reading', () => {
    for (const [systolic, diastolic] of [
      [0, 60],
      [110, Number.NaN],
      [70, 90],
    ] as const) {
      expect(
        classifyChildBloodPressure({ sex: 1, ageYears: 8, systolic, diastolic })
          .notClassifiedReason,
      ).toBe('invalid-reading');
    }
  });
});

describe('the table is a choice', () => {
  it('names its source and says Vietnam has no national table', () => {
    expect(AAP_2017.version).toContain('e20171904');
    expect(AAP_2017.note).toContain('[check]');
    expect(AAP_2017.screeningByAge[1]).toHaveLength(12);
    expect(AAP_2017.screeningByAge[2]).toHaveLength(12);
  });

  it('uses another table when given one', () => {
    const stricter: PaediatricBpTable = {
      ...AAP_2017,
      id: 'test-table',
      screeningByAge: { 1: AAP_2017.screeningByAge[1].map(() => [90, 50]), 2: [] },
    };
    const reading = { sex: 1 as const, ageYears: 6, systolic: 95, diastolic: 55 };
    expect(classifyChildBloodPressure(reading).category).toBe('below-screening-threshold');
    expect(classifyChildBloodPressure(reading, stricter)).toMatchObject({
      category: 'needs-further-evaluation',
      tableId: 'test-table',
    });
    expect(classifyChildBloodPressure({ ...reading, sex: 2 }, stricter)).toMatchObject({
      category: 'not-classified',
      notClassifiedReason: 'no-table-value',
    });
  });
});
