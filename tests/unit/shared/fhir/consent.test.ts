import { describe, expect, it } from 'vitest';
import { buildConsents } from '../../../../src-shared/fhir/consent';
import { SYSTEM } from '../../../../src-shared/fhir/fhir-systems';
import {
  anhDeclaration,
  anhWithdrawals,
  IDS,
  khoiDeclaration,
  STATION,
} from '../../../support/fhir-fixtures';

describe('buildConsents', () => {
  it('sends one Consent per purpose: ticked active, unticked rejected', () => {
    const consents = buildConsents({ version: khoiDeclaration, withdrawals: [] });
    expect(consents.map((c) => [c.provision.purpose[0]?.code, c.status])).toEqual([
      ['recordKeeping', 'active'],
      ['citySharing', 'active'],
      ['statistics', 'rejected'],
    ]);
  });

  it('makes a withdrawn purpose inactive, its provision ending on the withdrawal', () => {
    const [, , statistics] = buildConsents({
      version: anhDeclaration,
      withdrawals: anhWithdrawals,
    });
    expect(statistics?.status).toBe('inactive');
    expect(statistics?.meta).toEqual({
      versionId: '1-withdrawn',
      lastUpdated: '2026-04-01T02:00:00.000Z',
    });
    expect(statistics?.provision.period).toEqual({
      start: '2026-03-02T03:30:00.000Z',
      end: '2026-04-01T02:00:00.000Z',
    });
    const [recordKeeping] = buildConsents({ version: anhDeclaration, withdrawals: anhWithdrawals });
    expect([recordKeeping?.status, recordKeeping?.meta.versionId]).toEqual(['active', '1']);
  });

  it('keeps one id per purpose, across exports and declaration versions', () => {
    const first = buildConsents({ version: anhDeclaration, withdrawals: [] }).map((c) => c.id);
    expect(new Set(first).size).toBe(3);
    const later = buildConsents({
      version: { ...anhDeclaration, version: 2 },
      withdrawals: anhWithdrawals,
    });
    expect(later.map((c) => c.id)).toEqual(first);
    expect(later[0]?.meta.versionId).toBe('2');
  });

  it('states scope, LOINC category, patient, policy and the declaration it was given in', () => {
    const [consent] = buildConsents({
      version: anhDeclaration,
      withdrawals: [],
      custodian: STATION,
    });
    expect(consent).toMatchObject({
      scope: { coding: [{ system: SYSTEM.consentScope, code: 'patient-privacy' }] },
      category: [{ coding: [{ system: SYSTEM.loinc, code: '59284-0' }] }],
      patient: { reference: `Patient/${IDS.anh}` },
      dateTime: '2026-03-02T03:30:00.000Z',
      performer: [{ reference: `Patient/${IDS.anh}` }],
      organization: [{ identifier: { value: '79123' } }],
      sourceReference: { reference: `QuestionnaireResponse/${IDS.anhDeclaration}/_history/1` },
    });
    expect(consent?.policyRule.text).toMatch(/91\/2025/);
  });

  it('names the representative who consented for a child', () => {
    const [consent] = buildConsents({ version: khoiDeclaration, withdrawals: [] });
    expect(consent?.performer).toEqual([{ display: 'Nguyễn Thị Ánh (Mẹ)' }]);
  });
});
