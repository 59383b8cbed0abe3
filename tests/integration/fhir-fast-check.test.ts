import { beforeAll, describe, expect, it } from 'vitest';
import { validateWithFhirDefinitions } from '../../src-main/city-store/fhir-validation';
import { provedValid } from '../../src-main/fhir/fast-check';
import { fhirValidationErrors, loadFhirDefinitions } from '../../src-main/fhir/validate';
import { buildObservation } from '../../src-shared/fhir/observation';
import { buildPatient } from '../../src-shared/fhir/patient';
import type { FhirResource } from '../../src-shared/fhir/types';
import { STATION, anh, binh, elderlyVisit, realisticExport } from '../support/fhir-fixtures';

/**
 * The fast check (src-main/fhir/fast-check.ts) may only say "valid" where @medplum/core's
 * validator finds no error; where it cannot prove it, the receiver asks @medplum/core.
 */

const medplumValid = (resource: unknown): boolean => {
  try {
    return fhirValidationErrors(resource as FhirResource).length === 0;
  } catch {
    return false;
  }
};

const bodyWeight = () =>
  buildObservation(
    {
      ...elderlyVisit,
      recordId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      patientId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
      encounterId: undefined,
    },
    { key: 'bodyWeight', value: 45.5 },
  );

beforeAll(() => loadFhirDefinitions());

describe('the fast FHIR check', () => {
  it('proves valid every resource a station sends', () => {
    const unproved = [...realisticExport(), bodyWeight()]
      .filter((resource) => !provedValid(resource))
      .map((resource) => `${resource.resourceType}/${resource.id}`);
    expect(unproved).toEqual([]);
  });

  const invalid: [string, unknown][] = [
    ['a malformed birthDate', { ...buildPatient(anh), birthDate: '12/04/1985' }],
    ['an empty HumanName', { ...buildPatient(anh), name: [{}] }],
    ['an element Patient does not have', { ...buildPatient(anh), nickname: 'Ánh' }],
    ['a single value for a repeating element', { ...buildPatient(anh), name: { text: 'Ánh' } }],
    ['a boolean written as text', { ...buildPatient(anh), active: 'true' }],
    [
      'an extension with both a value and extensions (ext-1)',
      {
        ...buildPatient(anh),
        extension: [
          { url: 'http://x', valueString: 'a', extension: [{ url: 'y', valueCode: 'b' }] },
        ],
      },
    ],
    [
      'an Observation with a value and a dataAbsentReason (obs-6)',
      { ...bodyWeight(), dataAbsentReason: { text: 'not measured' } },
    ],
    ['an Observation without its code', { ...bodyWeight(), code: undefined }],
    [
      'a decimal written as text',
      { ...bodyWeight(), valueQuantity: { value: '45.5', unit: 'kg' } },
    ],
    ['a resource type FHIR R4 does not have', { resourceType: 'Resident', id: 'a' }],
  ];

  it.each(invalid)('neither proves nor lets through %s', (_, resource) => {
    expect(provedValid(resource)).toBe(false);
    expect(validateWithFhirDefinitions(resource).length).toBeGreaterThan(0);
  });

  it('leaves what it does not model to @medplum/core, which accepts it', () => {
    // A primitive extension and a contained resource are valid FHIR R4 the check declines.
    const withPrimitiveExtension = {
      ...buildPatient(binh, { managingStation: STATION }),
      _birthDate: { extension: [{ url: 'http://x', valueString: 'approximate' }] },
    };
    const withContained = {
      ...bodyWeight(),
      contained: [{ resourceType: 'Practitioner', id: 'p1', name: [{ text: 'Lê Thị Thu' }] }],
      performer: [{ reference: '#p1' }],
    };
    for (const resource of [withPrimitiveExtension, withContained]) {
      expect(provedValid(resource)).toBe(false);
      expect(validateWithFhirDefinitions(resource)).toEqual([]);
    }
  });

  it('never proves valid a resource @medplum/core finds an error in', () => {
    const random = seededRandom(831);
    const bases: unknown[] = [...realisticExport(), bodyWeight()];
    let proved = 0;
    let refused = 0;
    const unsound: string[] = [];
    for (let round = 0; round < 1500; round += 1) {
      const resource = mutated(bases[Math.floor(random() * bases.length)], random);
      const fast = provedValid(resource);
      const valid = medplumValid(resource);
      if (fast) proved += 1;
      if (!valid) refused += 1;
      if (fast && !valid) unsound.push(JSON.stringify(resource));
    }
    expect(unsound).toEqual([]);
    // The mutations reach both sides: resources proved valid, and resources refused.
    expect(proved).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(500);
  });
});

/* ------------------------------------------------------------------------------------------
 * Mutations: valid resources changed at random places into what a faulty or hostile sender
 * could write.
 * ---------------------------------------------------------------------------------------- */

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const REPLACEMENTS: (() => unknown)[] = [
  () => null,
  () => '',
  () => ' ',
  () => [],
  () => ({}),
  () => 0,
  () => -1,
  () => 1.5,
  () => true,
  () => 'x y',
  () => '2020-13-01',
  () => '2020-01-01T10:00',
  () => 'urn:uuid:bad',
  () => '#p1',
  () => ({ reference: '#p1' }),
  () => ({ url: 'http://x' }),
  () => ({ url: 'http://x', valueString: 'a', extension: [{ url: 'y', valueString: 'b' }] }),
  () => ({ coding: [{ system: 'http://x', code: 'a' }] }),
  () => ({ value: 1, unit: 'kg', code: 'kg' }),
  () => [{ resourceType: 'Patient', id: 'c1' }],
  () => 'a\u0001b',
  () => ({ start: '2020-02-01', end: '2020-01-01' }),
  () => ({ system: 'phone' }),
];

const ADDED_KEYS = [
  'foo',
  '_birthDate',
  '_value',
  'valueString',
  'valueBoolean',
  'resourceType',
  'extension',
  'id',
  'contained',
  'dataAbsentReason',
  'component',
  'deceasedBoolean',
  'deceasedDateTime',
  'url',
  'value',
  'valueQuantity',
];

function objectsIn(value: unknown, found: object[] = []): object[] {
  if (typeof value === 'object' && value !== null) {
    found.push(value);
    for (const member of Object.values(value)) objectsIn(member, found);
  }
  return found;
}

function mutated(resource: unknown, random: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const copy = structuredClone(resource);
  const changes = 1 + Math.floor(random() * 3);
  for (let change = 0; change < changes; change += 1) {
    const target = pick(objectsIn(copy)) as Record<string, unknown>;
    const roll = random();
    if (Array.isArray(target)) {
      if (target.length > 0 && roll < 0.3) target.splice(Math.floor(random() * target.length), 1);
      else if (target.length > 0 && roll < 0.6) target.push(structuredClone(pick(target)));
      else target[Math.floor(random() * Math.max(1, target.length))] = pick(REPLACEMENTS)();
      continue;
    }
    const keys = Object.keys(target);
    if (keys.length > 0 && roll < 0.25) delete target[pick(keys)];
    else if (keys.length > 0 && roll < 0.6) target[pick(keys)] = pick(REPLACEMENTS)();
    else if (roll < 0.8) target[pick(ADDED_KEYS)] = pick(REPLACEMENTS)();
    else if (keys.length > 0) {
      const key = pick(keys);
      const value = target[key];
      target[key] = Array.isArray(value) ? value[0] : [value];
    }
  }
  return copy;
}
