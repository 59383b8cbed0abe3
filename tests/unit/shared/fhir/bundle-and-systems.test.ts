import { describe, expect, it } from 'vitest';
import { buildFhirBundle } from '../../../../src-shared/fhir/bundle';
import {
  EXTENSION,
  FHIR_PRODUCT_BASE,
  FHIR_RESOURCE_BASE,
  QD831_CODE_LISTS,
  SYSTEM,
} from '../../../../src-shared/fhir/fhir-systems';
import { buildPatient } from '../../../../src-shared/fhir/patient';
import { anh, binh, IDS } from '../../../support/fhir-fixtures';

describe('buildFhirBundle', () => {
  const options = {
    bundleId: '01a21b91-62e1-776e-8b9f-bbe726ba622b',
    timestamp: '2026-09-16T05:00:00.000Z',
  };

  it('is a collection whose entries sit at their RESTful URL, so Type/id references resolve', () => {
    const bundle = buildFhirBundle([buildPatient(anh), buildPatient(binh)], options);
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      id: options.bundleId,
      identifier: { system: SYSTEM.syncBundle, value: options.bundleId },
      type: 'collection',
      timestamp: options.timestamp,
    });
    expect(bundle.entry?.map((e) => e.fullUrl)).toEqual([
      `${FHIR_RESOURCE_BASE}/Patient/${IDS.anh}`,
      `${FHIR_RESOURCE_BASE}/Patient/${IDS.binh}`,
    ]);
  });

  it('sends no empty entry list', () => {
    expect(buildFhirBundle([], options).entry).toBeUndefined();
  });
});

describe('FHIR systems', () => {
  it('keeps every URI of ours under the product base, each distinct', () => {
    const ours = [...Object.values(SYSTEM), ...Object.values(EXTENSION)].filter((u) =>
      u.startsWith('https://'),
    );
    expect(ours.every((u) => u.startsWith(`${FHIR_PRODUCT_BASE}/`))).toBe(true);
    expect(new Set(ours).size).toBe(ours.length);
  });

  it('names QĐ 831 code lists uniquely, whatever order their codes come in', () => {
    const keys = QD831_CODE_LISTS.map(([, codes]) => [...codes].sort().join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(QD831_CODE_LISTS.map(([name]) => name)).size).toBe(QD831_CODE_LISTS.length);
  });
});
