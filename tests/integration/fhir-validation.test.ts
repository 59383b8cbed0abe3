import { beforeAll, describe, expect, it } from 'vitest';
import { fhirValidationErrors, loadFhirDefinitions } from '../../src-main/fhir/validate';
import { buildFhirBundle } from '../../src-shared/fhir/bundle';
import { buildImmunizations } from '../../src-shared/fhir/immunization';
import { MEASUREMENTS } from '../../src-shared/fhir/fhir-systems';
import { buildPatient } from '../../src-shared/fhir/patient';
import { buildDeclarationQuestionnaire } from '../../src-shared/fhir/questionnaire-response';
import type {
  FhirResource,
  Observation,
  QuestionnaireItem,
  QuestionnaireResponseItem,
} from '../../src-shared/fhir/types';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { anh, anhDeclaration, emptyValuePaths, realisticExport } from '../support/fhir-fixtures';

const resources = realisticExport();
const label = (r: FhirResource) => `${r.resourceType}/${r.id}`;

beforeAll(() => loadFhirDefinitions());

describe('a realistic export validates as FHIR R4', () => {
  it('holds every resource kind the station sends', () => {
    const kinds = new Set(resources.map((r) => r.resourceType));
    expect([...kinds].sort()).toEqual([
      'Consent',
      'Encounter',
      'Immunization',
      'Observation',
      'Patient',
      'QuestionnaireResponse',
    ]);
    // Derived resources (doses, purposes, measurements) each get an id of their own.
    expect(new Set(resources.map(label)).size).toBe(resources.length);
  });

  it.each(resources.map((r) => [label(r), r] as const))('%s has no error issue', (_, resource) => {
    expect(fhirValidationErrors(resource)).toEqual([]);
  });

  it('writes no empty or undefined value anywhere', () => {
    expect(resources.flatMap((r) => emptyValuePaths(r, label(r)))).toEqual([]);
  });

  it('conforms to the FHIR R4 vital-signs profile each Observation claims', () => {
    const claimed = resources.filter(
      (r): r is Observation => r.resourceType === 'Observation' && r.meta.profile !== undefined,
    );
    // The BP profile's nested component slices are beyond @medplum/core 4.5.2's slicing; its
    // shape is asserted below instead.
    const checkable = claimed.filter(
      (o) => o.meta.profile?.[0] !== MEASUREMENTS.bloodPressure.profile,
    );
    expect(checkable.length).toBeGreaterThanOrEqual(6);
    for (const observation of checkable) {
      const profile = observation.meta.profile?.[0] as string;
      expect([label(observation), fhirValidationErrors(observation, { profile })]).toEqual([
        label(observation),
        [],
      ]);
    }
  });

  it('sends blood pressure as the 85354-9 panel with both components in mm[Hg]', () => {
    const panels = resources.filter(
      (r): r is Observation =>
        r.resourceType === 'Observation' && r.code.coding?.[0]?.code === '85354-9',
    );
    expect(panels).toHaveLength(2);
    for (const panel of panels) {
      expect(panel.valueQuantity).toBeUndefined();
      expect(
        panel.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.code]),
      ).toEqual([
        ['8480-6', 'mm[Hg]'],
        ['8462-4', 'mm[Hg]'],
      ]);
    }
  });

  it('validates as one collection Bundle, with the Questionnaire its responses answer', () => {
    const bundle = buildFhirBundle([buildDeclarationQuestionnaire(), ...resources], {
      bundleId: '01a21b91-62e1-776e-8b9f-bbe726ba622b',
      timestamp: '2026-09-16T05:00:00.000Z',
    });
    expect(fhirValidationErrors(bundle)).toEqual([]);
    expect(JSON.parse(canonicalJson(bundle))).toStrictEqual(bundle);
  });

  it('answers only linkIds the declaration Questionnaire defines, with its item types', () => {
    const types = new Map<string, string>();
    const index = (items: QuestionnaireItem[]): void => {
      for (const item of items) {
        types.set(item.linkId, item.type);
        index(item.item ?? []);
      }
    };
    const questionnaire = buildDeclarationQuestionnaire();
    expect(fhirValidationErrors(questionnaire)).toEqual([]);
    index(questionnaire.item);
    const unknown: string[] = [];
    const walk = (items: QuestionnaireResponseItem[]): void => {
      for (const item of items) {
        const type = types.get(item.linkId);
        const answered = item.answer?.[0] ? Object.keys(item.answer[0])[0] : 'group';
        const expected: Record<string, string> = {
          group: 'group',
          valueBoolean: 'boolean',
          valueInteger: 'integer',
          valueDecimal: 'decimal',
          valueDate: 'date',
          valueString: 'string',
          valueCoding: 'choice',
        };
        if (type !== expected[answered as string]) unknown.push(`${item.linkId}:${answered}`);
        walk(item.item ?? []);
      }
    };
    for (const r of resources) if (r.resourceType === 'QuestionnaireResponse') walk(r.item ?? []);
    expect(unknown).toEqual([]);
  });

  it('validates a retracted dose (entered-in-error) of a later declaration version', () => {
    const later = {
      ...anhDeclaration,
      version: 2,
      declaration: { ...anhDeclaration.declaration, vaccinations: [] },
    };
    const retracted = buildImmunizations(later, anhDeclaration);
    expect(retracted.map((i) => i.status)).toEqual(Array(5).fill('entered-in-error'));
    for (const immunization of retracted) expect(fhirValidationErrors(immunization)).toEqual([]);
  });

  it('reports what is wrong with an invalid resource instead of passing it', () => {
    const broken = { ...buildPatient(anh), birthDate: '12/04/1985', name: [{}] };
    const errors = fhirValidationErrors(broken as unknown as FhirResource);
    expect(errors.map((e) => e.path).sort()).toEqual(['Patient.birthDate', 'Patient.name[0]']);
  });
});
