import { describe, expect, it } from 'vitest';
import { TakenVersions } from '../../../../src-main/sync/export/export-job';

const PATIENT = '0190aaaa-0000-7000-8000-000000000001';

describe('the record versions an export has taken', () => {
  it('takes each version of a record once, and later versions of it too', () => {
    const taken = new TakenVersions();
    expect(taken.add('Patient', PATIENT, '1')).toBe(true);
    expect(taken.add('Patient', PATIENT, '1')).toBe(false);
    expect(taken.add('Patient', PATIENT, '2')).toBe(true);
    expect(taken.add('Patient', PATIENT, '3')).toBe(true);
    expect(taken.add('Patient', PATIENT, '2')).toBe(false);
    expect(taken.add('Patient', PATIENT, '1')).toBe(false);
    expect(taken.add('Patient', PATIENT, '3')).toBe(false);
  });

  it('tells records apart by resource type as well as by id', () => {
    const taken = new TakenVersions();
    expect(taken.add('Patient', PATIENT, '1')).toBe(true);
    expect(taken.add('Consent', PATIENT, '1')).toBe(true);
    expect(taken.add('Consent', PATIENT, '1')).toBe(false);
    expect(taken.add('Patient', `${PATIENT.slice(0, -1)}2`, '1')).toBe(true);
  });
});
