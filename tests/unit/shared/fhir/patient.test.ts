import { describe, expect, it } from 'vitest';
import { EXTENSION, SYSTEM } from '../../../../src-shared/fhir/fhir-systems';
import { buildPatient, vietnameseName } from '../../../../src-shared/fhir/patient';
import type { Extension, Identifier } from '../../../../src-shared/fhir/types';
import { anh, binh, IDS, khoi, nhi, residentRecord, STATION } from '../../../support/fhir-fixtures';

const summary = (ids: Identifier[] | undefined) =>
  (ids ?? []).map((i) => [i.use, i.type?.coding?.[0]?.code, i.system, i.value]);

const codes = (extensions: Extension[] | undefined, url: string) =>
  (extensions ?? []).filter((e) => e.url === url).map((e) => e.valueCoding?.code);

describe('buildPatient', () => {
  it('is the resident record: same id, version as versionId, last change as lastUpdated', () => {
    const patient = buildPatient(anh);
    expect(patient.id).toBe(IDS.anh);
    expect(patient.meta).toEqual({ versionId: '3', lastUpdated: '2026-03-01T09:15:00.000Z' });
    expect(buildPatient(anh)).toStrictEqual(patient);
  });

  it('carries each identifier in its own system with its v2-0203 type, former ones as old', () => {
    expect(summary(buildPatient(anh).identifier)).toEqual([
      ['official', 'NI', SYSTEM.personalId, '079185001234'],
      ['secondary', 'HC', SYSTEM.bhyt, 'GD4790123456789'],
      ['old', 'CZ', SYSTEM.cmnd, '023456781'],
    ]);
    expect(buildPatient(anh).identifier?.[2]?.period).toEqual({ end: '2026-02-10T02:00:00.000Z' });
    expect(summary(buildPatient(binh).identifier)).toEqual([
      ['official', 'NI', SYSTEM.personalId, '079050001122'],
      ['secondary', 'CZ', SYSTEM.cmnd, '023456789'],
      ['secondary', 'HC', SYSTEM.bhyt, 'HT3790000123456'],
    ]);
    expect(summary(buildPatient(nhi).identifier)).toEqual([
      ['temp', 'PI', SYSTEM.temporaryId, 'TAM-79123-7K2M9Q4R'],
    ]);
  });

  it('splits a Vietnamese name family-first and keeps it whole as text', () => {
    expect(vietnameseName('Nguyễn Thị Ánh')).toEqual({
      text: 'Nguyễn Thị Ánh',
      family: 'Nguyễn',
      given: ['Thị', 'Ánh'],
    });
    expect(vietnameseName('Lê Na')).toEqual({ text: 'Lê Na', family: 'Lê', given: ['Na'] });
    expect(vietnameseName('Hen')).toEqual({ text: 'Hen', given: ['Hen'] });
    expect(buildPatient(nhi).name).toEqual([
      { use: 'official', text: "Ksor H'Nhi", family: 'Ksor', given: ["H'Nhi"] },
    ]);
  });

  it('maps sex 1 to male and 2 to female, and keeps the date of birth', () => {
    expect([buildPatient(binh).gender, buildPatient(anh).gender]).toEqual(['male', 'female']);
    expect(buildPatient(khoi).birthDate).toBe('2019-05-20');
  });

  it('codes the current and the permanent address by commune, with province names', () => {
    const [current, permanent] = buildPatient(anh).address ?? [];
    expect(codes(current?.extension, EXTENSION.addressCommune)).toEqual(['26911']);
    expect(codes(current?.extension, EXTENSION.addressResidenceKind)).toEqual(['current']);
    expect(current).toMatchObject({
      text: '12 Bình Quới, Phường Bình Quới, Thành phố Hồ Chí Minh',
      line: ['12 Bình Quới'],
      city: 'Phường Bình Quới',
      state: 'Thành phố Hồ Chí Minh',
      country: 'VN',
    });
    expect(codes(permanent?.extension, EXTENSION.addressCommune)).toEqual(['00004']);
    expect(permanent?.state).toBe('Thành phố Hà Nội');
  });

  it('sends one address, both current and permanent, when they are the same', () => {
    const addresses = buildPatient(binh).address ?? [];
    expect(addresses).toHaveLength(1);
    expect(codes(addresses[0]?.extension, EXTENSION.addressResidenceKind)).toEqual([
      'current',
      'permanent',
    ]);
  });

  it('leaves out a street-less address line and an unknown permanent address', () => {
    const record = residentRecord(IDS.nhi, {
      fullName: 'Lê Văn Tâm',
      sex: '1',
      birthDate: '1990-01-01',
      currentAddress: { communeCode: '26911', street: '' },
      permanentSameAsCurrent: false,
    });
    const addresses = buildPatient(record).address ?? [];
    expect(addresses).toHaveLength(1);
    expect(addresses[0]?.line).toBeUndefined();
    expect(addresses[0]?.text).toBe('Phường Bình Quới, Thành phố Hồ Chí Minh');
  });

  it('tells mobiles from landlines, in the order given', () => {
    expect(buildPatient(anh).telecom).toEqual([
      { system: 'phone', value: '0903123456', use: 'mobile', rank: 1 },
      { system: 'phone', value: '02838123456', use: 'home', rank: 2 },
    ]);
    expect(buildPatient(khoi).telecom).toBeUndefined();
  });

  it('codes ethnicity, nationality, religion and occupation as extensions', () => {
    const extension = buildPatient(anh).extension ?? [];
    expect(extension.map((e) => e.url)).toEqual([
      EXTENSION.patientEthnicity,
      EXTENSION.patientNationality,
      EXTENSION.patientReligion,
      EXTENSION.patientOccupation,
    ]);
    expect(extension[0]?.valueCoding).toEqual({
      system: SYSTEM.ethnicity,
      code: '01',
      display: 'Kinh',
    });
    expect(extension[1]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]).toEqual({
      system: SYSTEM.iso3166,
      code: 'VN',
    });
    expect(buildPatient(nhi).extension?.[0]?.valueCoding?.display).toBe('Ê-đê');
    expect(buildPatient(binh).extension).toHaveLength(2);
  });

  it('lists relatives as contacts with v3 role codes, guardians marked, registered ones linked', () => {
    const [mother, grandfather] = buildPatient(khoi).contact ?? [];
    expect(mother?.relationship.map((r) => r.coding?.map((c) => c.code))).toEqual([
      ['mother', 'MTH'],
      ['GUARD'],
    ]);
    expect(mother?.extension).toEqual([
      { url: EXTENSION.contactPatient, valueReference: { reference: `Patient/${IDS.anh}` } },
    ]);
    expect(mother?.telecom?.[0]?.value).toBe('0903123456');
    expect(grandfather?.relationship.map((r) => r.coding?.map((c) => c.code))).toEqual([
      ['grandparent', 'GRPRN'],
    ]);
    expect(grandfather?.extension).toBeUndefined();
    const [other] = buildPatient(nhi).contact ?? [];
    expect(other?.relationship.map((r) => r.coding?.map((c) => c.system))).toEqual([
      [SYSTEM.relationship],
      [SYSTEM.v3RoleCode],
    ]);
  });

  it('retires a merged-away record: inactive and replaced-by the survivor, who replaces it', () => {
    const retired = buildPatient(binh, { mergedIntoId: IDS.anh });
    expect(retired.active).toBe(false);
    expect(retired.link).toEqual([
      { other: { reference: `Patient/${IDS.anh}` }, type: 'replaced-by' },
    ]);
    const survivor = buildPatient(binh, { mergedFromIds: [IDS.binhDuplicate] });
    expect(survivor.active).toBe(true);
    expect(survivor.link).toEqual([
      { other: { reference: `Patient/${IDS.binhDuplicate}` }, type: 'replaces' },
    ]);
    expect(buildPatient(binh).link).toBeUndefined();
  });

  it('names the managing station by its facility code', () => {
    expect(buildPatient(anh, { managingStation: STATION }).managingOrganization).toEqual({
      identifier: { system: SYSTEM.facilityCode, value: '79123' },
      display: 'Trạm Y tế phường Bình Quới',
    });
  });
});
