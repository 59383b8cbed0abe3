import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';
import {
  countByResourceType,
  diffRecordLists,
  manifestOfHashedEntries,
  recordManifest,
  recordManifestSha256,
} from '../../../../src-shared/sync/record-manifest';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const PATIENT = '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e5f';
const OBSERVATION_A = '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e61';
const OBSERVATION_B = '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e60';

function resource(resourceType: string, id: string, versionId: string, extra = {}) {
  return { resourceType, id, meta: { versionId }, ...extra };
}
function bundleOf(...resources: { id: string }[]) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r })),
  };
}

describe('record manifest', () => {
  it('hashes each resource’s canonical JSON and sorts by type, id and version', () => {
    const patient = resource('Patient', PATIENT, '3', { gender: 'female' });
    const a = resource('Observation', OBSERVATION_A, '1');
    const b = resource('Observation', OBSERVATION_B, '1');
    const manifest = recordManifest(bundleOf(patient, a, b), sha256Hex);
    expect(manifest).toEqual([
      {
        resourceType: 'Observation',
        id: OBSERVATION_B,
        versionId: '1',
        sha256: sha256Hex(canonicalJson(b)),
      },
      {
        resourceType: 'Observation',
        id: OBSERVATION_A,
        versionId: '1',
        sha256: sha256Hex(canonicalJson(a)),
      },
      {
        resourceType: 'Patient',
        id: PATIENT,
        versionId: '3',
        sha256: sha256Hex(canonicalJson(patient)),
      },
    ]);
    expect(countByResourceType(manifest)).toEqual({ Observation: 2, Patient: 1 });
  });

  it('sorts versions of one record by code unit, as RFC 8785 sorts keys ("10" before "9")', () => {
    const manifest = recordManifest(
      bundleOf(
        resource('Patient', PATIENT, '9'),
        resource('Observation', OBSERVATION_A, '2'),
        resource('Patient', PATIENT, '10'),
        resource('Observation', OBSERVATION_A, '1'),
      ),
      sha256Hex,
    );
    expect(manifest.map((entry) => `${entry.resourceType} ${entry.versionId}`)).toEqual([
      'Observation 1',
      'Observation 2',
      'Patient 10',
      'Patient 9',
    ]);
  });

  it('gives the same hashes whatever order the keys of a resource were written in', () => {
    const one = { resourceType: 'Patient', id: PATIENT, meta: { versionId: '1' }, gender: 'male' };
    const two = { gender: 'male', meta: { versionId: '1' }, id: PATIENT, resourceType: 'Patient' };
    expect(recordManifest(bundleOf(one), sha256Hex)).toEqual(
      recordManifest(bundleOf(two), sha256Hex),
    );
  });

  it('hashes the manifest as its canonical JSON', () => {
    const manifest = recordManifest(bundleOf(resource('Patient', PATIENT, '1')), sha256Hex);
    expect(recordManifestSha256(manifest, sha256Hex)).toBe(sha256Hex(canonicalJson(manifest)));
    expect(recordManifestSha256([], sha256Hex)).toBe(sha256Hex('[]'));
  });

  it('hashes a manifest of many resource types and versions as its canonical JSON', () => {
    const resources = [
      resource('Patient', PATIENT, '12'),
      resource('Observation', '0190aaaa-0000-7000-8000-00000000000b', '1'),
      resource('Observation', '0190aaaa-0000-7000-8000-00000000000a', '3'),
      resource('Patient', '0190aaaa-0000-7000-8000-0000000000ff', '2'),
      resource('QuestionnaireResponse', 'decl-1.v2', '7'),
    ];
    const manifest = recordManifest(bundleOf(...resources), sha256Hex);
    expect(manifest).toHaveLength(5);
    expect(recordManifestSha256(manifest, sha256Hex)).toBe(sha256Hex(canonicalJson(manifest)));
  });

  it('takes a RESTful fullUrl ending in /<type>/<id>, as the FHIR mapping writes them', () => {
    const bundle = bundleOf(resource('Patient', PATIENT, '1'));
    bundle.entry[0]!.fullUrl = `https://fhir.wardhealth.vn/fhir/Patient/${PATIENT}`;
    expect(recordManifest(bundle, sha256Hex).map((m) => m.id)).toEqual([PATIENT]);
  });

  it.each([
    ['another resource’s urn:uuid', `urn:uuid:${OBSERVATION_A}`],
    ['a RESTful URL of another type', `https://fhir.wardhealth.vn/fhir/Observation/${PATIENT}`],
    ['a relative URL', `Patient/${PATIENT}`],
    ['its urn:uuid with more after it', `urn:uuid:${PATIENT}0`],
    ['a urn:uuid of part of its id', `urn:uuid:${PATIENT.slice(1)}`],
    [
      'a RESTful URL whose type only ends in its type',
      `https://fhir.wardhealth.vn/fhir/XPatient/${PATIENT}`,
    ],
    [
      'a RESTful URL whose id only ends in its id',
      `https://fhir.wardhealth.vn/fhir/Patient/0${PATIENT}`,
    ],
    ['a RESTful URL with a space in it', `https://fhir.wardhealth.vn/my fhir/Patient/${PATIENT}`],
    ['a URL of another scheme', `ftp://fhir.wardhealth.vn/fhir/Patient/${PATIENT}`],
  ])('refuses an entry whose fullUrl is %s', (_, fullUrl) => {
    const bundle = bundleOf(resource('Patient', PATIENT, '1'));
    bundle.entry[0]!.fullUrl = fullUrl;
    expect(() => recordManifest(bundle, sha256Hex)).toThrow(
      expect.objectContaining({ code: 'BUNDLE_MALFORMED' }),
    );
  });

  it('reads a Bundle without entries as no records', () => {
    expect(recordManifest({ resourceType: 'Bundle', type: 'collection' }, sha256Hex)).toEqual([]);
  });

  it('refuses the same record version twice, but takes two versions of one record', () => {
    const v1 = resource('Patient', PATIENT, '1');
    expect(() => recordManifest(bundleOf(v1, { ...v1 }), sha256Hex)).toThrow(/twice/);
    expect(recordManifest(bundleOf(v1, resource('Patient', PATIENT, '2')), sha256Hex)).toHaveLength(
      2,
    );
  });

  it.each([
    ['no meta.versionId', { resourceType: 'Patient', id: PATIENT }],
    ['an id FHIR does not allow', resource('Patient', 'patient/1', '1')],
    ['a lower-case resource type', resource('patient', PATIENT, '1')],
  ])('refuses a resource with %s', (_, bad) => {
    expect(() => recordManifest(bundleOf(bad), sha256Hex)).toThrow(
      expect.objectContaining({ code: 'BUNDLE_MALFORMED' }),
    );
  });

  it('refuses something that is not a Bundle', () => {
    expect(() => recordManifest({ resourceType: 'Patient' }, sha256Hex)).toThrow(
      expect.objectContaining({ code: 'BUNDLE_MALFORMED' }),
    );
  });
});

describe('manifest of entries the station hashed itself', () => {
  const restful = (type: string, id: string) => `https://fhir.wardhealth.vn/fhir/${type}/${id}`;
  function hashed(r: { resourceType: string; id: string; meta: { versionId: string } }) {
    return {
      fullUrl: restful(r.resourceType, r.id),
      resourceType: r.resourceType,
      id: r.id,
      versionId: r.meta.versionId,
      sha256: sha256Hex(canonicalJson(r)),
    };
  }

  it('is the manifest recordManifest reads from the same Bundle', () => {
    const resources = [
      resource('Patient', PATIENT, '3', { gender: 'female' }),
      resource('Observation', OBSERVATION_A, '1'),
      resource('Observation', OBSERVATION_B, '1'),
      resource('Patient', PATIENT, '2'),
    ];
    const bundle = bundleOf(...resources);
    bundle.entry.forEach((entry, index) => {
      entry.fullUrl = restful(resources[index]!.resourceType, resources[index]!.id);
    });
    expect(manifestOfHashedEntries(resources.map(hashed))).toEqual(
      recordManifest(bundle, sha256Hex),
    );
    expect(manifestOfHashedEntries([])).toEqual([]);
  });

  it('refuses the same record version twice', () => {
    const v1 = resource('Patient', PATIENT, '1');
    expect(() => manifestOfHashedEntries([hashed(v1), hashed({ ...v1 })])).toThrow(
      expect.objectContaining({
        code: 'BUNDLE_MALFORMED',
        message: expect.stringMatching(/twice/),
      }),
    );
  });

  it('refuses an entry whose fullUrl names another resource', () => {
    const entry = {
      ...hashed(resource('Patient', PATIENT, '1')),
      fullUrl: restful('Patient', OBSERVATION_A),
    };
    expect(() => manifestOfHashedEntries([entry])).toThrow(
      expect.objectContaining({
        code: 'BUNDLE_MALFORMED',
        message: expect.stringMatching(/fullUrl/),
      }),
    );
  });

  it.each([
    ['an id FHIR does not allow', { id: 'patient/1' }],
    ['a version FHIR does not allow', { versionId: '' }],
    ['a lower-case resource type', { resourceType: 'patient' }],
    ['a hash that is not SHA-256 hex', { sha256: 'ABC' }],
  ])('refuses an entry with %s', (_, change) => {
    const entry = { ...hashed(resource('Patient', PATIENT, '1')), ...change };
    expect(() => manifestOfHashedEntries([entry])).toThrow(
      expect.objectContaining({ code: 'BUNDLE_MALFORMED' }),
    );
  });
});

describe('comparing record lists', () => {
  const a = { resourceType: 'Patient', id: PATIENT, versionId: '1' };
  const b = { resourceType: 'Observation', id: OBSERVATION_A, versionId: '1' };
  const c = { resourceType: 'Observation', id: OBSERVATION_B, versionId: '1' };

  it('finds no difference between the same records in another order', () => {
    expect(diffRecordLists([a, b], [{ ...b, status: 'accepted' } as typeof b, a])).toEqual({
      missing: [],
      unexpected: [],
      repeated: [],
    });
  });

  it('names the missing, unexpected and repeated records', () => {
    expect(diffRecordLists([a, b], [a, a, c])).toEqual({
      missing: [b],
      unexpected: [c],
      repeated: [a],
    });
  });

  it('treats another version of a record as another record', () => {
    expect(diffRecordLists([a], [{ ...a, versionId: '2' }]).missing).toEqual([a]);
  });
});
