import { describe, expect, it } from 'vitest';
import { EXTENSION, qd831CodeSystem } from '../../../../src-shared/fhir/fhir-systems';
import { derivedResourceId } from '../../../../src-shared/fhir/ids';
import { buildImmunizations, UNKNOWN_OCCURRENCE } from '../../../../src-shared/fhir/immunization';
import { anhDeclaration, declarationVersion, IDS } from '../../../support/fhir-fixtures';

const rows = (
  vaccinations: NonNullable<Parameters<typeof declarationVersion>[2]['vaccinations']>,
) =>
  declarationVersion(IDS.anhDeclaration, IDS.anh, {
    riskFactors: {
      smoking: { status: '0' },
      alcohol: { status: '0' },
      drugs: { status: '0' },
      physicalActivity: { status: '0' },
    },
    vaccinations,
    consent: { recordKeeping: true },
  });

describe('buildImmunizations', () => {
  const immunizations = buildImmunizations(anhDeclaration);

  it('sends given doses as completed, not-given as not-done, and leaves out "does not remember"', () => {
    expect(immunizations.map((i) => [i.vaccineCode.coding?.[0]?.code, i.status])).toEqual([
      ['BCG', 'completed'],
      ['HEPB', 'completed'],
      ['HEPB', 'completed'],
      ['TD', 'not-done'],
      ['OTHER', 'completed'],
    ]);
  });

  it('dates a dose when the date is known, and says "date unknown" otherwise', () => {
    expect(immunizations.map((i) => i.occurrenceDateTime ?? i.occurrenceString)).toEqual([
      '1985-05-01',
      '1985-04-13',
      UNKNOWN_OCCURRENCE,
      UNKNOWN_OCCURRENCE,
      '2025-11-20',
    ]);
  });

  it('codes the vaccine in the QĐ 831 list, names an "other" vaccine as declared', () => {
    expect(immunizations[0]?.vaccineCode).toEqual({
      coding: [{ system: qd831CodeSystem('vaccine'), code: 'BCG', display: 'BCG (lao)' }],
      text: 'BCG (lao)',
    });
    expect(immunizations[4]?.vaccineCode.text).toBe('Vắc xin sốt xuất huyết');
  });

  it('keeps dose number, reaction and next appointment, as declared by the resident', () => {
    const other = immunizations[4];
    expect(other?.protocolApplied).toEqual([{ doseNumberPositiveInt: 1 }]);
    expect(other?.reaction).toEqual([{ detail: { display: 'Sốt nhẹ 1 ngày' }, reported: true }]);
    expect(other?.extension).toEqual([
      { url: EXTENSION.immunizationNextDoseDate, valueDate: '2026-02-20' },
    ]);
    expect(immunizations[0]?.protocolApplied).toBeUndefined();
    expect(immunizations.every((i) => i.primarySource === false)).toBe(true);
    expect(immunizations[0]?.patient).toEqual({ reference: `Patient/${IDS.anh}` });
  });

  it('gives every dose its own id, the same on every export', () => {
    const ids = immunizations.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(buildImmunizations(anhDeclaration).map((i) => i.id)).toEqual(ids);
    expect(ids[0]).toBe(derivedResourceId(IDS.anhDeclaration, 'Immunization/BCG//-/1'));
  });

  it('keeps a dose id when a later version edits the dose or adds rows before it', () => {
    const v1 = buildImmunizations(rows([{ vaccine: 'HEPB', dose: 2, status: '0' }]));
    const v2 = buildImmunizations({
      ...rows([
        { vaccine: 'BCG', status: '1' },
        { vaccine: 'HEPB', dose: 2, status: '1', date: '2001-03-04' },
      ]),
      version: 2,
    });
    expect(v2[1]?.id).toBe(v1[0]?.id);
    expect([v2[1]?.status, v2[1]?.meta.versionId]).toEqual(['completed', '2']);
  });

  it('retracts, as entered-in-error in the new version, a dose the resident took back', () => {
    const v1 = rows([
      { vaccine: 'BCG', status: '1' },
      { vaccine: 'HEPB', dose: 1, status: '1', date: '2001-03-04' },
      { vaccine: 'MMR', dose: 1, status: '0' },
    ]);
    const v2 = {
      ...rows([
        { vaccine: 'BCG', status: '1' },
        { vaccine: 'HEPB', dose: 1, status: '99' },
      ]),
      version: 2,
    };
    const sent = buildImmunizations(v2, v1);
    const before = buildImmunizations(v1);
    expect(sent.map((i) => [i.id, i.status, i.meta.versionId])).toEqual([
      [before[0]?.id, 'completed', '2'],
      [before[1]?.id, 'entered-in-error', '2'],
      [before[2]?.id, 'entered-in-error', '2'],
    ]);
    expect(buildImmunizations(v2)).toHaveLength(1);
  });

  it('tells apart two rows of the same vaccine and dose by their order', () => {
    const twice = buildImmunizations(
      rows([
        { vaccine: 'FLU', status: '1', date: '2024-10-01' },
        { vaccine: 'FLU', status: '1', date: '2025-10-01' },
      ]),
    );
    expect(twice[0]?.id).not.toBe(twice[1]?.id);
  });
});
