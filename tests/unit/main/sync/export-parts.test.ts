import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../src-main/sync/envelope';
import {
  PartArrays,
  PartPacker,
  type AssembledPart,
} from '../../../../src-main/sync/export/export-parts';
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

const TIMESTAMP = '2026-03-02T03:04:05.000Z';

/** Resources as the export maps them: Patients, and a declaration's five kinds of resource. */
const patients = [anh, binh, khoi, nhi].map((record) =>
  buildPatient(record, { managingStation: STATION }),
);
const declaration: FhirResource[] = [
  buildDeclarationQuestionnaireResponse(anhDeclaration),
  ...buildImmunizations(anhDeclaration),
  ...buildConsents({ version: anhDeclaration, withdrawals: [], custodian: STATION }),
];

const sizeOf = (resources: FhirResource[]) =>
  resources.reduce(
    (sum, r) => sum + Buffer.byteLength(canonicalJson(r), 'utf8') + ENTRY_WRAPPER_BYTES,
    0,
  );

let ids = 0;
const packer = (maxPlaintextBytes: number, arrays?: PartArrays) =>
  new PartPacker(
    maxPlaintextBytes,
    () => ({
      bundleId: `01950c1f-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
      createdAt: TIMESTAMP,
    }),
    arrays,
  );

/** What sealBundle would encrypt for a part: its FHIR Bundle's canonical JSON, as UTF-8. */
function expectedPlaintext(part: AssembledPart, resources: FhirResource[]): Buffer {
  const bundle = buildFhirBundle(resources, { bundleId: part.bundleId, timestamp: part.createdAt });
  return Buffer.from(canonicalJson(bundle), 'utf8');
}

async function plaintextOf(part: AssembledPart): Promise<Buffer> {
  return inflateRawSync((await part.content).compressed);
}

describe('a part’s plaintext', () => {
  it('is the canonical JSON of its FHIR Bundle, byte for byte', async () => {
    const resources = [...patients, ...declaration];
    const parts = packer(8 * 1024 * 1024);
    parts.add(1, resources.slice(0, 1));
    parts.add(2, resources.slice(1));
    const [part, ...more] = parts.finish();
    expect(more).toEqual([]);
    expect((await plaintextOf(part!)).equals(expectedPlaintext(part!, resources))).toBe(true);
    expect((await part!.content).plaintextSha256).toBe(
      sha256Hex(expectedPlaintext(part!, resources)),
    );

    const single = packer(8 * 1024 * 1024);
    single.add(1, resources.slice(0, 1));
    const [alone] = single.finish();
    expect(
      (await plaintextOf(alone!)).equals(expectedPlaintext(alone!, resources.slice(0, 1))),
    ).toBe(true);
  });

  it('hashes each resource over its canonical JSON, as the receiver does', () => {
    const resources = [...patients, ...declaration];
    const parts = packer(8 * 1024 * 1024);
    parts.add(1, resources.slice(0, 3));
    parts.add(2, resources.slice(3));
    const records = parts.finish().flatMap((part) => part.records);
    expect(records.map((record) => record.sha256)).toEqual(
      resources.map((resource) => sha256Hex(canonicalJson(resource))),
    );
    expect(records.map((record) => record.outboxSeq)).toEqual(
      resources.map((_, index) => (index < 3 ? 1 : 2)),
    );
  });
});

describe('packing changes into parts', () => {
  it('gives each part the plaintext, hash and manifest sealBundle would compute', async () => {
    const parts = packer(8 * 1024 * 1024);
    parts.add(1, patients.slice(0, 2));
    parts.add(2, declaration);
    const [part] = parts.finish();
    const resources = [...patients.slice(0, 2), ...declaration];
    const fhirBundle = buildFhirBundle(resources, {
      bundleId: part!.bundleId,
      timestamp: part!.createdAt,
    });
    const plaintext = Buffer.from(canonicalJson(fhirBundle), 'utf8');
    expect((await plaintextOf(part!)).equals(plaintext)).toBe(true);
    expect((await part!.content).plaintextSha256).toBe(sha256Hex(plaintext));
    expect((await part!.content).manifest).toEqual(recordManifest(fhirBundle, sha256Hex));
    expect(part!.records.map((record) => [record.id, record.outboxSeq])).toEqual(
      resources.map((resource) => [resource.id, resources.indexOf(resource) < 2 ? 1 : 2]),
    );
  });

  it('keeps each change whole, and starts a part when the next change does not fit', async () => {
    const changes = [[patients[0]!], declaration, [patients[1]!, patients[2]!], [patients[3]!]];
    // Room for the first two changes, not for the third.
    const bound = BUNDLE_WRAPPER_BYTES + sizeOf(changes[0]!) + sizeOf(changes[1]!) + 10;
    const parts = packer(bound);
    changes.forEach((resources, index) => parts.add(index + 1, resources));
    const packed = parts.finish();
    expect(packed.map((part) => [...new Set(part.records.map((r) => r.outboxSeq))])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // The change that moved on starts its part as it would have been written there.
    expect(
      (await plaintextOf(packed[0]!)).equals(
        expectedPlaintext(packed[0]!, [...changes[0]!, ...changes[1]!]),
      ),
    ).toBe(true);
    expect(
      (await plaintextOf(packed[1]!)).equals(
        expectedPlaintext(packed[1]!, [...changes[2]!, ...changes[3]!]),
      ),
    ).toBe(true);
  });

  it('refuses a change larger than a part on its own, and leaves nothing of it written', async () => {
    const parts = packer(BUNDLE_WRAPPER_BYTES + sizeOf(declaration) - 1);
    parts.add(1, [patients[0]!]);
    expect(() => parts.add(2, declaration)).toThrow(
      expect.objectContaining({ code: 'BUNDLE_TOO_LARGE' }),
    );
    parts.add(3, [patients[1]!]);
    const [part, ...more] = parts.finish();
    expect(more).toEqual([]);
    expect(part!.records.map((record) => record.outboxSeq)).toEqual([1, 3]);
    const written = [patients[0]!, patients[1]!];
    expect((await plaintextOf(part!)).equals(expectedPlaintext(part!, written))).toBe(true);
  });

  it('leaves nothing of a change whose resource has no canonical form', async () => {
    const parts = packer(8 * 1024 * 1024);
    parts.add(1, [patients[0]!]);
    const broken = { ...patients[1]!, birthDate: new Date() } as unknown as FhirResource;
    expect(() => parts.add(2, [patients[2]!, broken])).toThrow(TypeError);
    const [part] = parts.finish();
    expect(part!.records.map((record) => record.id)).toEqual([patients[0]!.id]);
    expect((await plaintextOf(part!)).equals(expectedPlaintext(part!, [patients[0]!]))).toBe(true);
  });

  it('writes later parts into the arrays of parts already compressed, unchanged', async () => {
    const arrays = new PartArrays();
    // The four Patients, under new ids, in each change; one change per part.
    const changes = Array.from({ length: 6 }, (_, change) =>
      patients.map((patient, index) => ({
        ...patient,
        id: `01950c1f-0000-7000-8000-0000000${change}${index}000`,
      })),
    );
    const parts = packer(BUNDLE_WRAPPER_BYTES + sizeOf(changes[0]!) + 10, arrays);
    for (const [index, resources] of changes.entries()) {
      parts.add(index + 1, resources);
      // Let the assembled parts' compression finish, so that their arrays come back.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const packed = parts.finish();
    expect(packed).toHaveLength(changes.length);
    expect(arrays.reused).toBeGreaterThan(0);
    for (const [index, part] of packed.entries()) {
      expect((await plaintextOf(part)).equals(expectedPlaintext(part, changes[index]!))).toBe(true);
    }
  });

  it('refuses a record version twice in one part, as sealBundle does', () => {
    const parts = packer(8 * 1024 * 1024);
    parts.add(1, [patients[0]!]);
    parts.add(2, [structuredClone(patients[0]!)]);
    expect(() => parts.finish()).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));
  });
});
