import { describe, expect, it } from 'vitest';
import { buildEncounter } from '../../../../src-shared/fhir/encounter';
import { MEASUREMENTS, SYSTEM } from '../../../../src-shared/fhir/fhir-systems';
import { derivedResourceId } from '../../../../src-shared/fhir/ids';
import {
  buildBloodPressureObservation,
  buildObservation,
  observationId,
} from '../../../../src-shared/fhir/observation';
import { elderlyVisit, IDS, schoolVisit, STATION } from '../../../support/fhir-fixtures';

describe('buildObservation', () => {
  it('derives a stable id from the record and the measurement key', () => {
    const weight = buildObservation(elderlyVisit, { key: 'bodyWeight', value: 64.5 });
    expect(weight.id).toBe(derivedResourceId(IDS.elderlyScreening, 'Observation/bodyWeight'));
    expect(buildObservation(elderlyVisit, { key: 'bodyWeight', value: 70 }).id).toBe(weight.id);
    expect(buildObservation(schoolVisit, { key: 'bodyWeight', value: 19.8 }).id).not.toBe(
      weight.id,
    );
    expect(observationId(IDS.elderlyScreening, 'bodyWeight', '2')).not.toBe(weight.id);
  });

  it('codes a vital sign in LOINC with its UCUM unit, category and R4 profile', () => {
    const weight = buildObservation(elderlyVisit, { key: 'bodyWeight', value: 64.5 });
    expect(weight).toMatchObject({
      meta: { versionId: '1', profile: ['http://hl7.org/fhir/StructureDefinition/bodyweight'] },
      status: 'final',
      category: [{ coding: [{ system: SYSTEM.observationCategory, code: 'vital-signs' }] }],
      code: { coding: [{ system: SYSTEM.loinc, code: '29463-7', display: 'Body weight' }] },
      subject: { reference: `Patient/${IDS.binh}` },
      encounter: { reference: `Encounter/${IDS.elderlyScreening}` },
      effectiveDateTime: '2026-03-05T02:10:00.000Z',
      valueQuantity: { value: 64.5, unit: 'kg', system: SYSTEM.ucum, code: 'kg' },
    });
  });

  it('codes glucose as a laboratory result in mmol/L, without a vital-signs profile', () => {
    const glucose = buildObservation(elderlyVisit, {
      key: 'fastingGlucoseCapillary',
      value: 7.4,
      interpretation: { code: 'H' },
    });
    expect(glucose.code.coding?.[0]?.code).toBe('14770-2');
    expect(glucose.category[0]?.coding?.[0]?.code).toBe('laboratory');
    expect(glucose.valueQuantity?.code).toBe('mmol/L');
    expect(glucose.meta.profile).toBeUndefined();
    expect(glucose.interpretation).toEqual([
      { coding: [{ system: SYSTEM.v3Interpretation, code: 'H', display: 'High' }] },
    ]);
  });

  it('sends a z-score in the growth-indicator system, unit {Z-score}, derived from its inputs', () => {
    const haz = buildObservation(schoolVisit, {
      key: 'heightForAgeZ',
      value: -2.34,
      interpretation: { code: 'L', text: 'Thấp còi (stunting)' },
      derivedFrom: ['bodyHeight'],
    });
    expect(haz.code.coding).toEqual([
      {
        system: SYSTEM.growthIndicator,
        code: 'hfa-z',
        display: 'Length/height-for-age z-score (WHO)',
      },
    ]);
    expect(haz.valueQuantity).toEqual({
      value: -2.34,
      unit: 'z-score',
      system: SYSTEM.ucum,
      code: '{Z-score}',
    });
    expect(haz.interpretation?.[0]?.text).toBe('Thấp còi (stunting)');
    expect(haz.derivedFrom).toEqual([
      { reference: `Observation/${observationId(IDS.schoolScreening, 'bodyHeight')}` },
    ]);
  });

  it('keeps the growth-indicator codes the WHO indicators are known by', () => {
    const growth = Object.values(MEASUREMENTS).filter(
      (m) => m.coding.system === SYSTEM.growthIndicator,
    );
    expect(growth.map((m) => m.coding.code).sort()).toEqual([
      'bfa-z',
      'hfa-z',
      'wfa-z',
      'wfh-z',
      'wfl-z',
    ]);
  });

  it('refuses a value of the wrong kind and a panel without its components', () => {
    expect(() => buildObservation(elderlyVisit, { key: 'bodyWeight', value: '64' })).toThrow(
      /bodyWeight takes a quantity/,
    );
    expect(() => buildObservation(elderlyVisit, { key: 'bloodPressure', value: 120 })).toThrow(
      /panel/,
    );
  });
});

describe('buildBloodPressureObservation', () => {
  it('sends the 85354-9 panel with systolic and diastolic components in mm[Hg]', () => {
    const bp = buildBloodPressureObservation(elderlyVisit, { systolic: 148, diastolic: 92 });
    expect(bp.code.coding?.[0]?.code).toBe('85354-9');
    expect(bp.valueQuantity).toBeUndefined();
    expect(bp.component).toEqual([
      {
        code: {
          coding: [{ system: SYSTEM.loinc, code: '8480-6', display: 'Systolic blood pressure' }],
        },
        valueQuantity: { value: 148, unit: 'mmHg', system: SYSTEM.ucum, code: 'mm[Hg]' },
      },
      {
        code: {
          coding: [{ system: SYSTEM.loinc, code: '8462-4', display: 'Diastolic blood pressure' }],
        },
        valueQuantity: { value: 92, unit: 'mmHg', system: SYSTEM.ucum, code: 'mm[Hg]' },
      },
    ]);
  });

  it('gives a second reading of the same visit its own id', () => {
    const first = buildBloodPressureObservation(elderlyVisit, { systolic: 148, diastolic: 92 });
    const second = buildBloodPressureObservation(elderlyVisit, {
      systolic: 144,
      diastolic: 90,
      instance: '2',
    });
    expect(second.id).not.toBe(first.id);
    expect(first.id).toBe(observationId(IDS.elderlyScreening, 'bloodPressure'));
  });
});

describe('buildEncounter', () => {
  it('is the screening record: ambulatory by default, field for a school, station as provider', () => {
    const base = {
      id: IDS.schoolScreening,
      version: 2,
      lastUpdated: '2026-09-16T04:00:00.000Z',
      patientId: IDS.khoi,
      start: '2026-09-15',
      typeText: 'Khám sức khỏe học sinh',
    };
    expect(buildEncounter(base)).toMatchObject({
      id: IDS.schoolScreening,
      meta: { versionId: '2' },
      status: 'finished',
      class: { system: SYSTEM.v3ActCode, code: 'AMB' },
      type: [{ text: 'Khám sức khỏe học sinh' }],
      subject: { reference: `Patient/${IDS.khoi}` },
      period: { start: '2026-09-15' },
    });
    const atSchool = buildEncounter({ ...base, encounterClass: 'FLD', serviceProvider: STATION });
    expect(atSchool.class.code).toBe('FLD');
    expect(atSchool.serviceProvider?.display).toBe('Trạm Y tế phường Bình Quới');
  });
});
