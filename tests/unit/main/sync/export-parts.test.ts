import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../src-main/sync/envelope';
import {
  PartPacker,
  partPlaintext,
  type EntryBytes,
} from '../../../../src-main/sync/export/export-parts';
import { serialiseResources } from '../../../../src-main/sync/export/serialised-slice';
import { buildFhirBundle } from '../../../../src-shared/fhir/bundle';
import { buildConsents } from '../../../../src-shared/fhir/consent';
import { buildImmunizations } from '../../../../src-shared/fhir/immunization';
import { buildPatient } from '../../../../src-shared/fhir/patient';
import { buildDeclarationQuestionnaireResponse } from '../../../../src-shared/fhir/questionnaire-response';
import type { FhirResource } from '../../../../src-shared/fhir/types';
import {
  BUNDLE_WRAPPER_BYTES,
  ENTRY_WRAPPER_BYTES,
} from '../../../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';
import { recordManifest } from '../../../../src-shared/sync/record-manifest';
import { anh, anhDeclaration, binh, khoi, nhi, STATION } from '../../../support/fhir-fixtures';

const OPTIONS = {
  bundleId: '01950c1f-0000-7000-8000-000000000002',
  timestamp: '2026-03-02T03:04:05.000Z',
};

/** Resources as the export maps them: Patients, and a declaration's five kinds of resource. */
const patients = [anh, binh, khoi, nhi].map((record) =>
  buildPatient(record, { managingStation: STATION }),
);
const declaration: FhirResource[] = [
  buildDeclarationQuestionnaireResponse(anhDeclaration),
  ...buildImmunizations(anhDeclaration),
  ...buildConsents({ version: anhDeclaration, withdrawals: [], custodian: STATION }),
];

/** What sealBundle would encrypt: the canonical JSON of buildFhirBundle's Bundle, as UTF-8. */
function expectedPlaintext(resources: FhirResource[], options = OPTIONS): Buffer {
  return Buffer.from(canonicalJson(buildFhirBundle(resources, options)), 'utf8');
}

const sizeOf = (resources: FhirResource[]) =>
  resources.reduce(
    (sum, r) => sum + Buffer.byteLength(canonicalJson(r), 'utf8') + ENTRY_WRAPPER_BYTES,
    0,
  );

/** The entries of resources as an export's mapping writes them, one buffer for all. */
function entriesOf(resources: FhirResource[]): EntryBytes[] {
  const slice = serialiseResources([{ seq: 1, resources }]);
  return slice.changes[0]!.records.map(({ start, end }) => ({ bytes: slice.bytes, start, end }));
}

/** Adds one change to a packer, serialised as the export does. */
function addChange(packer: PartPacker, seq: number, resources: FhirResource[]): void {
  const slice = serialiseResources([{ seq, resources }]);
  packer.add(slice.changes[0]!, slice.bytes);
}

describe('a part’s plaintext', () => {
  it('is the canonical JSON of its FHIR Bundle, byte for byte', () => {
    const resources = [...patients, ...declaration];
    const entries = entriesOf(resources);
    expect(partPlaintext(entries, OPTIONS).equals(expectedPlaintext(resources))).toBe(true);
    expect(
      partPlaintext(entries.slice(0, 1), OPTIONS).equals(expectedPlaintext(resources.slice(0, 1))),
    ).toBe(true);
  });

  it('hashes each resource over its canonical JSON, as the receiver does', () => {
    const resources = [...patients, ...declaration];
    const slice = serialiseResources([
      { seq: 1, resources: resources.slice(0, 3) },
      { seq: 2, resources: resources.slice(3) },
    ]);
    const records = slice.changes.flatMap((change) => change.records);
    expect(records.map((record) => record.sha256)).toEqual(
      resources.map((resource) => sha256Hex(canonicalJson(resource))),
    );
    expect(records.map((record) => record.canonicalBytes)).toEqual(
      resources.map((resource) => Buffer.byteLength(canonicalJson(resource), 'utf8')),
    );
  });
});

describe('packing changes into parts', () => {
  let ids = 0;
  const stamp = () => ({
    bundleId: `01950c1f-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    timestamp: OPTIONS.timestamp,
  });
  const packer = (maxPlaintextBytes: number) =>
    new PartPacker(maxPlaintextBytes, () => {
      const { bundleId, timestamp } = stamp();
      return { bundleId, createdAt: timestamp };
    });

  it('gives each part the plaintext, hash and manifest sealBundle would compute', async () => {
    const parts = packer(8 * 1024 * 1024);
    addChange(parts, 1, patients.slice(0, 2));
    addChange(parts, 2, declaration);
    const [part, ...more] = parts.finish();
    expect(more).toEqual([]);
    const resources = [...patients.slice(0, 2), ...declaration];
    const fhirBundle = buildFhirBundle(resources, {
      bundleId: part!.bundleId,
      timestamp: part!.createdAt,
    });
    const plaintext = Buffer.from(canonicalJson(fhirBundle), 'utf8');
    expect(inflateRawSync(await part!.content.compressed).equals(plaintext)).toBe(true);
    expect(part!.content.plaintextSha256).toBe(sha256Hex(plaintext));
    expect(part!.content.manifest).toEqual(recordManifest(fhirBundle, sha256Hex));
    expect(part!.records).toBe(resources.length);
    const consent = declaration.at(-1)!;
    expect(
      part!.outboxSeqByRecord.get(`Consent/${consent.id}/_history/${consent.meta.versionId}`),
    ).toBe(2);
    expect(part!.outboxSeqByRecord.get(`Patient/${anh.id}/_history/${anh.version}`)).toBe(1);
  });

  it('keeps each change whole, and starts a part when the next change does not fit', () => {
    const changes = [[patients[0]!], declaration, [patients[1]!, patients[2]!], [patients[3]!]];
    // Room for the first two changes, not for the third.
    const bound = BUNDLE_WRAPPER_BYTES + sizeOf(changes[0]!) + sizeOf(changes[1]!) + 10;
    const parts = packer(bound);
    changes.forEach((resources, index) => addChange(parts, index + 1, resources));
    const packed = parts.finish().map((part) => [...new Set(part.outboxSeqByRecord.values())]);
    expect(packed).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('refuses a change larger than a part on its own', () => {
    const parts = packer(BUNDLE_WRAPPER_BYTES + sizeOf(declaration) - 1);
    addChange(parts, 1, [patients[0]!]);
    expect(() => addChange(parts, 2, declaration)).toThrow(
      expect.objectContaining({ code: 'BUNDLE_TOO_LARGE' }),
    );
  });

  it('refuses a record version twice in one part, as sealBundle does', () => {
    const parts = packer(8 * 1024 * 1024);
    addChange(parts, 1, [patients[0]!]);
    addChange(parts, 2, [structuredClone(patients[0]!)]);
    expect(() => parts.finish()).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));
  });
});
