import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GeneralSign, importJWK } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main as bundleCli } from '../../src-main/city-store/bundle-cli';
import { main as cityStoreCli } from '../../src-main/city-store/cli';
import type { CliIo } from '../../src-main/city-store/cli-support';
import { CITY_STORE_FILES } from '../../src-main/city-store/data-directory';
import { compareVersionIds } from '../../src-main/city-store/record-rules';
import { receiveBundle, type CityPrivateKeys } from '../../src-main/city-store/receiver';
import { startCityStoreServer, type RunningCityStore } from '../../src-main/city-store/server';
import {
  openSqliteCityStore,
  type SqliteCityStoreStorage,
} from '../../src-main/city-store/sqlite-storage';
import { sealBundle, sha256Hex, type SealedBundle } from '../../src-main/sync/envelope';
import {
  generateCityEncryptionKey,
  generateSigningKey,
  importCityKey,
  readCityKeyFile,
} from '../../src-main/sync/keys';
import { verifyReceipt } from '../../src-main/sync/receipt-signature';
import { buildFhirBundle } from '../../src-shared/fhir/bundle';
import type { BundleHeaderFields } from '../../src-shared/sync/bundle-header';
import { nextChainPosition, type ChainLink } from '../../src-shared/sync/chain';
import type { CityKeySet } from '../../src-shared/sync/city-keys';
import {
  type Ed25519PrivateJwk,
  type Enrollment,
  type X25519PublicJwk,
} from '../../src-shared/sync/enrollment';
import type { Receipt } from '../../src-shared/sync/receipt';
import type { EnvelopeFhirBundle, EnvelopeResource } from '../../src-shared/sync/record-manifest';
import type { SyncErrorCode } from '../../src-shared/sync/sync-errors';
import { IDS, realisticExport } from '../support/fhir-fixtures';
import {
  PATIENT_ID,
  STATION_CODE,
  bodyWeight,
  enrollmentFor,
  makeParties,
  patient,
  type Parties,
} from '../unit/main/sync/fixtures';
import {
  decodeJson,
  flipByte,
  jweOf,
  readFile,
  withJweSegment,
  writeFile,
} from '../unit/main/sync/helpers';

/* ------------------------------------------------------------------------------------------
 * A station and a city, with fresh keys; the station seals bundles as the app does.
 * ---------------------------------------------------------------------------------------- */

let parties: Parties;
let enrollment: Enrollment;
let cityKeys: CityPrivateKeys;
let trustedCityKeys: CityKeySet;
const temporaryDirectories: string[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'city-store-'));
  temporaryDirectories.push(directory);
  return directory;
}

beforeAll(async () => {
  parties = await makeParties();
  enrollment = enrollmentFor(parties);
  cityKeys = {
    decryptionKeys: [parties.cityEncryption.privateJwk],
    receiptKey: parties.cityReceipt.privateJwk,
  };
  trustedCityKeys = [
    {
      use: 'receipt-signing',
      kid: parties.cityReceipt.kid,
      jwk: parties.cityReceipt.publicJwk,
      validFrom: '2026-01-01T00:00:00Z',
      importedAt: '2026-01-01T00:00:00Z',
      importedBy: 'admin',
    },
  ];
});

afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

interface SealOptions {
  header?: Partial<BundleHeaderFields>;
  supervisorKey?: Ed25519PrivateJwk;
  cityEncryptionKey?: { kid: string; jwk: X25519PublicJwk };
}

/** The station's next bundle after `previous`, holding `resources`. */
function sealNext(
  resources: readonly unknown[],
  previous: ChainLink | null,
  options: SealOptions = {},
): Promise<SealedBundle> {
  const bundleId = options.header?.bundleId ?? uuidv7();
  const fhirBundle = buildFhirBundle(resources as never, {
    bundleId,
    timestamp: '2026-03-02T03:04:05.000Z',
  }) as unknown as EnvelopeFhirBundle;
  return sealBundle({
    fhirBundle,
    header: {
      bundleId,
      exportSetId: uuidv7(),
      part: 1,
      parts: 1,
      stationCode: STATION_CODE,
      createdAt: '2026-03-02T03:04:05.000Z',
      ...nextChainPosition(previous),
      ...options.header,
    },
    cityEncryptionKey: options.cityEncryptionKey ?? {
      kid: parties.cityEncryption.kid,
      jwk: parties.cityEncryption.publicJwk,
    },
    stationKey: parties.station.privateJwk,
    supervisorKey: options.supervisorKey ?? parties.supervisor.privateJwk,
  });
}

function linkOf(sealed: SealedBundle): ChainLink {
  return { sequence: sealed.header.sequence, bundleHash: sealed.bundleHash };
}

let receiptCounter = 0;
function receive(storage: SqliteCityStoreStorage, fileText: string) {
  return receiveBundle(fileText, {
    storage,
    cityKeys,
    now: () => '2026-03-02T03:25:00.000Z',
    newReceiptId: () => `019cac85-0000-7c00-8000-${String(++receiptCounter).padStart(12, '0')}`,
  });
}

async function checkedReceipt(receiptText: string, sealed: SealedBundle): Promise<Receipt> {
  const { receipt } = await verifyReceipt(receiptText, {
    cityKeys: trustedCityKeys,
    expected: {
      stationCode: STATION_CODE,
      bundleId: sealed.header.bundleId,
      bundleHash: sealed.bundleHash,
      records: sealed.manifest,
    },
  });
  return receipt;
}

function statusesOf(receipt: Receipt): string[] {
  return receipt.records.map(
    (r) =>
      `${r.resourceType}/${r.id}/_history/${r.versionId} ${r.status}${r.reason ? ` ${r.reason}` : ''}`,
  );
}

function newStorage(): SqliteCityStoreStorage {
  const storage = openSqliteCityStore(join(temporaryDirectory(), 'city.sqlite3'), { key: null });
  storage.enrollStation(enrollment, '2026-03-01T02:00:00.000Z');
  return storage;
}

/* ------------------------------------------------------------------------------------------
 * Ingest, idempotency, versions.
 * ---------------------------------------------------------------------------------------- */

describe('receiving a realistic bundle', () => {
  let storage: SqliteCityStoreStorage;
  let sealed: SealedBundle;
  let first: Awaited<ReturnType<typeof receive>>;

  beforeAll(async () => {
    storage = newStorage();
    sealed = await sealNext(realisticExport(), null);
    first = await receive(storage, sealed.fileText);
  });
  afterAll(() => storage.close());

  it('answers with a city-signed receipt that accepts every record', async () => {
    expect(first.status).toBe('accepted');
    const receipt = await checkedReceipt(first.receiptText, sealed);
    expect(receipt.records).toHaveLength(sealed.manifest.length);
    expect(sealed.manifest.length).toBeGreaterThan(30);
    expect(new Set(receipt.records.map((r) => r.status))).toEqual(new Set(['accepted']));
    expect(receipt).toMatchObject({ sequence: 1, receivedAt: '2026-03-02T03:25:00.000Z' });
  });

  it('stores every record as its canonical JSON, whose hash is the manifest’s', () => {
    expect(storage.counts()).toEqual({
      stations: 1,
      bundles: 1,
      resourceVersions: sealed.manifest.length,
    });
    for (const entry of sealed.manifest) {
      const json = storage.readResource(entry.resourceType, entry.id, entry.versionId);
      expect(json === null ? null : sha256Hex(json)).toBe(entry.sha256);
    }
    const anh = storage.readResource('Patient', IDS.anh, '3');
    expect(JSON.parse(anh ?? '{}')).toMatchObject({ name: [{ text: 'Nguyễn Thị Ánh' }] });
    expect(storage.lastChainLink(STATION_CODE)).toEqual(linkOf(sealed));
  });

  it('answers the same bundle again with the identical receipt and stores nothing more', async () => {
    const before = storage.counts();
    const again = await receive(storage, sealed.fileText);
    expect(again).toEqual({ status: 'duplicate-bundle', receiptText: first.receiptText });
    expect(storage.counts()).toEqual(before);
  });
});

describe('record versions', () => {
  let storage: SqliteCityStoreStorage;
  let last: ChainLink | null;

  beforeEach(async () => {
    storage = newStorage();
    const sealed = await sealNext([patient(PATIENT_ID, '2', 'Nguyễn')], null);
    await receive(storage, sealed.fileText);
    last = linkOf(sealed);
  });
  afterEach(() => storage.close());

  async function send(resources: EnvelopeResource[]): Promise<string[]> {
    const sealed = await sealNext(resources, last);
    const result = await receive(storage, sealed.fileText);
    last = linkOf(sealed);
    return statusesOf(await checkedReceipt(result.receiptText, sealed));
  }

  it('accepts a newer version, keeping the old one beside it', async () => {
    expect(await send([patient(PATIENT_ID, '3', 'Trần')])).toEqual([
      `Patient/${PATIENT_ID}/_history/3 accepted`,
    ]);
    expect(
      storage
        .storedVersions('Patient', PATIENT_ID)
        .map((v) => v.versionId)
        .sort(),
    ).toEqual(['2', '3']);
  });

  it('rejects an older version as VERSION_OUTDATED and never stores it', async () => {
    expect(await send([patient(PATIENT_ID, '1', 'Lê')])).toEqual([
      `Patient/${PATIENT_ID}/_history/1 rejected VERSION_OUTDATED`,
    ]);
    expect(storage.readResource('Patient', PATIENT_ID, '1')).toBeNull();
  });

  it('answers the same version with the same content as duplicate', async () => {
    expect(await send([patient(PATIENT_ID, '2', 'Nguyễn')])).toEqual([
      `Patient/${PATIENT_ID}/_history/2 duplicate`,
    ]);
    expect(storage.counts().resourceVersions).toBe(1);
  });

  it('rejects the same version with other content as VERSION_CONFLICT', async () => {
    expect(await send([patient(PATIENT_ID, '2', 'Phạm')])).toEqual([
      `Patient/${PATIENT_ID}/_history/2 rejected VERSION_CONFLICT`,
    ]);
    expect(JSON.parse(storage.readResource('Patient', PATIENT_ID, '2')!)).toMatchObject({
      name: [{ family: 'Nguyễn' }],
    });
  });

  it('takes two versions travelling together oldest first', async () => {
    expect(await send([patient(PATIENT_ID, '3', 'Trần'), patient(PATIENT_ID, '4', 'Võ')])).toEqual([
      `Patient/${PATIENT_ID}/_history/3 accepted`,
      `Patient/${PATIENT_ID}/_history/4 accepted`,
    ]);
  });

  it('orders version ids by number, a withdrawn consent after its declaration version', () => {
    expect(compareVersionIds('10', '9')).toBeGreaterThan(0);
    expect(compareVersionIds('3-withdrawn', '3')).toBeGreaterThan(0);
    expect(compareVersionIds('3-withdrawn', '4')).toBeLessThan(0);
    expect(compareVersionIds('2', '2')).toBe(0);
  });
});

describe('records refused one by one inside a valid bundle', () => {
  it('rejects each with its reason and accepts the others', async () => {
    const storage = newStorage();
    const invalidBirthDate = {
      ...patient('01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e70'),
      birthDate: '12/04/1958',
    };
    const practitioner = {
      resourceType: 'Practitioner',
      id: '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e71',
      meta: { versionId: '1' },
      name: [{ text: 'Lê Thị Thu' }],
    };
    const orphanObservation = {
      ...bodyWeight('01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e72'),
      subject: { reference: 'Patient/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4eff' },
    };
    const sealed = await sealNext(
      [patient(), bodyWeight(), invalidBirthDate, practitioner, orphanObservation],
      null,
    );
    const result = await receive(storage, sealed.fileText);
    expect(statusesOf(await checkedReceipt(result.receiptText, sealed))).toEqual([
      `Observation/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e60/_history/2 accepted`,
      `Observation/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e72/_history/2 rejected REFERENCE_UNRESOLVED`,
      `Patient/${PATIENT_ID}/_history/1 accepted`,
      `Patient/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e70/_history/1 rejected FHIR_INVALID`,
      `Practitioner/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e71/_history/1 rejected NOT_PERMITTED`,
    ]);
    expect(storage.counts().resourceVersions).toBe(2);
    storage.close();
  });

  it('resolves a reference to a record the city received in an earlier bundle', async () => {
    const storage = newStorage();
    const firstBundle = await sealNext([patient()], null);
    await receive(storage, firstBundle.fileText);
    const laterObservation = {
      ...bodyWeight(),
      subject: { reference: `Patient/${PATIENT_ID}` },
    };
    const second = await sealNext([laterObservation], linkOf(firstBundle));
    const result = await receive(storage, second.fileText);
    expect(statusesOf(await checkedReceipt(result.receiptText, second))).toEqual([
      `Observation/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e60/_history/2 accepted`,
    ]);
    storage.close();
  });
});

/* ------------------------------------------------------------------------------------------
 * Refused bundles: each with its code, and nothing stored.
 * ---------------------------------------------------------------------------------------- */

/** Signs `payload` (base64url of a JWE) again with the original headers and the given keys. */
async function resigned(fileText: string, payload: string): Promise<string> {
  const file = readFile(fileText);
  const signer = new GeneralSign(Buffer.from(payload, 'base64url'));
  const keys = [parties.station.privateJwk, parties.supervisor.privateJwk];
  for (const [index, signature] of file.signatures.entries()) {
    signer
      .addSignature(await importJWK(keys[index]!, 'EdDSA'))
      .setProtectedHeader(decodeJson(signature.protected) as never);
  }
  const jws = await signer.sign();
  return writeFile({
    payload: jws.payload,
    signatures: jws.signatures.map((s) => ({ protected: s.protected!, signature: s.signature })),
  });
}

function withSignature(fileText: string, index: number, change: (s: string) => string): string {
  const file = readFile(fileText);
  file.signatures[index] = {
    ...file.signatures[index]!,
    signature: change(file.signatures[index]!.signature),
  };
  return writeFile(file);
}

function withProtectedHeaderField(fileText: string, index: number, field: string, value: unknown) {
  const file = readFile(fileText);
  const header = decodeJson(file.signatures[index]!.protected);
  const whs = { ...(header.whs as Record<string, unknown>), [field]: value };
  file.signatures[index] = {
    ...file.signatures[index]!,
    protected: Buffer.from(JSON.stringify({ ...header, whs }), 'utf8').toString('base64url'),
  };
  return writeFile(file);
}

describe('a bundle refused at the envelope changes nothing', () => {
  let storage: SqliteCityStoreStorage;
  let accepted: SealedBundle;
  let next: SealedBundle;

  beforeAll(async () => {
    storage = newStorage();
    accepted = await sealNext([patient()], null);
    await receive(storage, accepted.fileText);
    next = await sealNext([patient(PATIENT_ID, '2', 'Trần'), bodyWeight()], linkOf(accepted));
  });
  afterAll(() => storage.close());

  const cases: [string, () => Promise<string>, SyncErrorCode][] = [
    [
      'a byte of the signed header, in both signatures',
      async () =>
        withProtectedHeaderField(
          withProtectedHeaderField(next.fileText, 0, 'createdAt', '2026-03-02T03:04:06.000Z'),
          1,
          'createdAt',
          '2026-03-02T03:04:06.000Z',
        ),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'a byte of the signed header, in one signature',
      async () =>
        withProtectedHeaderField(next.fileText, 1, 'createdAt', '2026-03-02T03:04:06.000Z'),
      'BUNDLE_HEADER_MISMATCH',
    ],
    [
      'a byte of the ciphertext',
      async () => withJweSegment(next.fileText, 3, (s) => flipByte(s, 5)),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'a byte of the authentication tag',
      async () => withJweSegment(next.fileText, 4, (s) => flipByte(s, -1)),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'a byte of the ciphertext, signed again by the station’s own keys',
      async () =>
        resigned(
          next.fileText,
          Buffer.from(
            jweOf(withJweSegment(next.fileText, 3, (s) => flipByte(s, 5))),
            'latin1',
          ).toString('base64url'),
        ),
      'BUNDLE_DECRYPT_FAILED',
    ],
    [
      'the station signature',
      async () => withSignature(next.fileText, 0, (s) => flipByte(s, 10)),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'the supervisor signature',
      async () => withSignature(next.fileText, 1, (s) => flipByte(s, 10)),
      'BUNDLE_SIGNATURE_INVALID',
    ],
    [
      'the supervisor signature dropped',
      async () => {
        const file = readFile(next.fileText);
        return writeFile({ ...file, signatures: file.signatures.slice(0, 1) });
      },
      'BUNDLE_SIGNATURE_MISSING',
    ],
    [
      'a supervisor key that is not enrolled',
      async () =>
        (
          await sealNext([patient()], linkOf(accepted), {
            supervisorKey: (await generateSigningKey()).privateJwk,
          })
        ).fileText,
      'BUNDLE_SIGNER_UNKNOWN',
    ],
    [
      'a station that is not enrolled',
      async () =>
        (await sealNext([patient()], linkOf(accepted), { header: { stationCode: 'TYT-99999' } }))
          .fileText,
      'STATION_UNKNOWN',
    ],
    [
      'the accepted bundle id with other content',
      async () =>
        (
          await sealNext([patient(PATIENT_ID, '2', 'Trần')], linkOf(accepted), {
            header: { bundleId: accepted.header.bundleId },
          })
        ).fileText,
      'BUNDLE_REPLAYED',
    ],
    [
      'an old sequence under a new bundle id',
      async () => (await sealNext([patient(PATIENT_ID, '2', 'Trần')], null)).fileText,
      'BUNDLE_REPLAYED',
    ],
    [
      'a skipped sequence',
      async () =>
        (
          await sealNext([patient(PATIENT_ID, '2', 'Trần')], {
            sequence: 2,
            bundleHash: sha256Hex('a bundle the city never received'),
          })
        ).fileText,
      'BUNDLE_SEQUENCE_GAP',
    ],
    [
      'a previous bundle hash that is not the last accepted one',
      async () =>
        (
          await sealNext([patient(PATIENT_ID, '2', 'Trần')], {
            sequence: 1,
            bundleHash: sha256Hex('another first bundle'),
          })
        ).fileText,
      'BUNDLE_CHAIN_BROKEN',
    ],
    [
      'encryption to a key the city does not hold',
      async () => {
        const other = await generateCityEncryptionKey();
        return (
          await sealNext([patient(PATIENT_ID, '2', 'Trần')], linkOf(accepted), {
            cityEncryptionKey: { kid: other.kid, jwk: other.publicJwk },
          })
        ).fileText;
      },
      'BUNDLE_RECIPIENT_UNKNOWN',
    ],
    [
      'a file cut short',
      async () => next.fileText.slice(0, Math.floor(next.fileText.length / 2)),
      'BUNDLE_TRUNCATED',
    ],
    ['a file that is not a bundle', async () => '{"hello":"world"}', 'BUNDLE_MALFORMED'],
  ];

  it.each(cases)('%s → refused with its code', async (_, makeFile, code) => {
    const fileText = await makeFile();
    const before = { counts: storage.counts(), link: storage.lastChainLink(STATION_CODE) };
    await expect(receive(storage, fileText)).rejects.toMatchObject({ name: 'SyncError', code });
    expect({ counts: storage.counts(), link: storage.lastChainLink(STATION_CODE) }).toEqual(before);
  });

  it('still accepts the untouched bundle afterwards: nothing was lost', async () => {
    const result = await receive(storage, next.fileText);
    expect(result.status).toBe('accepted');
    expect(storage.lastChainLink(STATION_CODE)).toEqual(linkOf(next));
  });
});

/* ------------------------------------------------------------------------------------------
 * HTTP.
 * ---------------------------------------------------------------------------------------- */

describe('the HTTP receiver', () => {
  let storage: SqliteCityStoreStorage;
  let server: RunningCityStore;
  let sealed: SealedBundle;
  const MAX_BODY = 256 * 1024;

  beforeAll(async () => {
    storage = newStorage();
    server = await startCityStoreServer({ storage, cityKeys, port: 0, maxBodyBytes: MAX_BODY });
    sealed = await sealNext(realisticExport(), null);
    expect(sealed.fileText.length).toBeLessThan(MAX_BODY);
  });
  afterAll(async () => {
    await server.close();
    storage.close();
  });

  const post = (body: string, contentType = 'application/jose+json') =>
    fetch(`${server.url}/bundles`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
    });

  it('answers a bundle with 200 and the receipt, and a resend with the same receipt', async () => {
    const response = await post(sealed.fileText);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jose+json');
    expect(response.headers.get('whs-bundle-status')).toBe('accepted');
    const receiptText = await response.text();
    const receipt = await checkedReceipt(receiptText, sealed);
    expect(receipt.records.every((r) => r.status === 'accepted')).toBe(true);

    const again = await post(sealed.fileText);
    expect(again.headers.get('whs-bundle-status')).toBe('duplicate-bundle');
    expect(await again.text()).toBe(receiptText);

    const stored = await fetch(`${server.url}/bundles/${sealed.header.bundleId}/receipt`);
    expect(stored.status).toBe(200);
    expect(await stored.text()).toBe(receiptText);
  });

  it('refuses an oversized body with 413, whether its length is declared or streamed', async () => {
    const before = storage.counts();
    const declared = await post('x'.repeat(MAX_BODY + 1));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });

    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY * 2) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await fetch(`${server.url}/bundles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/jose+json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    expect(storage.counts()).toEqual(before);
  });

  it('answers garbage with 400 BUNDLE_MALFORMED as JSON, Vietnamese and English', async () => {
    const response = await post('garbage, not a bundle');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      code: 'BUNDLE_MALFORMED',
      message: 'Tệp không phải là gói đồng bộ hợp lệ (sai cấu trúc).',
      messages: { en: 'The file is not a valid sync bundle (its structure is wrong).' },
    });
  });

  it('gives refusals the status of their kind', async () => {
    const truncated = await post(sealed.fileText.slice(0, 100));
    expect([truncated.status, ((await truncated.json()) as { code: string }).code]).toEqual([
      400,
      'BUNDLE_TRUNCATED',
    ]);
    const otherStation = await sealNext([patient()], null, {
      header: { stationCode: 'TYT-99999' },
    });
    const unknown = await post(otherStation.fileText);
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([
      403,
      'STATION_UNKNOWN',
    ]);
    const gap = await sealNext([patient()], { sequence: 5, bundleHash: sealed.bundleHash });
    const gapResponse = await post(gap.fileText);
    expect([gapResponse.status, ((await gapResponse.json()) as { code: string }).code]).toEqual([
      409,
      'BUNDLE_SEQUENCE_GAP',
    ]);
    const wrongType = await post(sealed.fileText, 'text/plain');
    expect(wrongType.status).toBe(415);
  });

  it('answers an unknown receipt with 404, and the health check with the receipt key', async () => {
    const missing = await fetch(`${server.url}/bundles/${uuidv7()}/receipt`);
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([
      404,
      'RECEIPT_NOT_FOUND',
    ]);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', receiptKid: parties.cityReceipt.kid });
    const enrollOverHttp = await fetch(`${server.url}/stations`, { method: 'POST', body: '{}' });
    expect(enrollOverHttp.status).toBe(404);
    const getBundles = await fetch(`${server.url}/bundles`);
    expect([getBundles.status, getBundles.headers.get('allow')]).toEqual([405, 'POST']);
  });
});

/* ------------------------------------------------------------------------------------------
 * The command-line programs.
 * ---------------------------------------------------------------------------------------- */

function capture(): CliIo & { lines: string[]; errors: string[]; text(): string } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    text: () => lines.join('\n'),
  };
}

describe('city-store and bundle commands', () => {
  let dataDirectory: string;
  let enrollmentFile: string;
  let bundleFile: string;
  let sealed: SealedBundle;

  beforeAll(async () => {
    const root = temporaryDirectory();
    dataDirectory = join(root, 'city');
    enrollmentFile = join(root, 'enrollment.json');
    bundleFile = join(root, 'bundle.jose.json');
    writeFileSync(enrollmentFile, JSON.stringify(enrollment, null, 2));
  });

  it('init creates the keys, the encrypted database and the public JWK Set', async () => {
    const io = capture();
    expect(await cityStoreCli(['init', '--data-dir', dataDirectory], io)).toBe(0);
    for (const name of Object.values(CITY_STORE_FILES)) {
      expect(existsSync(join(dataDirectory, name))).toBe(true);
    }
    expect(statSync(join(dataDirectory, CITY_STORE_FILES.privateKeys)).mode & 0o077).toBe(0);
    // SQLCipher: no plain SQLite header in the file.
    const header = readFileSync(join(dataDirectory, CITY_STORE_FILES.database)).subarray(0, 15);
    expect(header.toString('latin1')).not.toBe('SQLite format 3');
    const publicKeys = await readCityKeyFile(
      readFileSync(join(dataDirectory, CITY_STORE_FILES.publicKeys), 'utf8'),
    );
    expect(publicKeys.map((k) => k.use).sort()).toEqual(['bundle-encryption', 'receipt-signing']);
    for (const key of publicKeys) expect(io.text()).toContain(key.fingerprint);
  });

  it('init refuses a directory that already holds a store', async () => {
    const io = capture();
    const before = readFileSync(join(dataDirectory, CITY_STORE_FILES.privateKeys), 'utf8');
    expect(await cityStoreCli(['init', '--data-dir', dataDirectory], io)).toBe(1);
    expect(io.errors.join('\n')).toContain('already holds a city store');
    expect(readFileSync(join(dataDirectory, CITY_STORE_FILES.privateKeys), 'utf8')).toBe(before);
  });

  it('enroll registers the station and prints its fingerprints', async () => {
    const io = capture();
    expect(await cityStoreCli(['enroll', '--data-dir', dataDirectory, enrollmentFile], io)).toBe(0);
    expect(io.text()).toContain('Đã đăng ký trạm (station enrolled): TYT-26911');
    expect(io.text()).toContain(enrollment.stationKey.fingerprint);
    expect(io.text()).toContain(enrollment.supervisorKeys[0]!.key.fingerprint);
    const list = capture();
    expect(await cityStoreCli(['stations', '--data-dir', dataDirectory], list)).toBe(0);
    expect(list.lines).toHaveLength(1);
    expect(list.lines[0]).toMatch(/^TYT-26911\tTrạm Y tế phường Bình Quới\t26911\t/);
  });

  it('enroll refuses a file whose key id is not its key’s thumbprint', async () => {
    const forged = join(temporaryDirectory(), 'forged.json');
    const other = await generateSigningKey();
    writeFileSync(
      forged,
      JSON.stringify({
        ...enrollment,
        stationKey: { ...enrollment.stationKey, jwk: other.publicJwk },
      }),
    );
    const io = capture();
    expect(await cityStoreCli(['enroll', '--data-dir', dataDirectory, forged], io)).toBe(1);
    expect(io.errors[0]).toMatch(/^Lỗi ENROLLMENT_INVALID: /);
  });

  it('bundle verify checks the signatures, decrypts with the city keys and prints the manifest', async () => {
    // The station imports the city's public keys as an administrator would.
    const [encryption] = (
      await readCityKeyFile(readFileSync(join(dataDirectory, CITY_STORE_FILES.publicKeys), 'utf8'))
    ).filter((k) => k.use === 'bundle-encryption');
    const trusted = await importCityKey({
      jwk: encryption!.jwk,
      confirmedFingerprint: encryption!.fingerprint,
      validFrom: '2026-01-01T00:00:00Z',
      importedAt: '2026-01-01T00:00:00Z',
      importedBy: 'admin',
    });
    sealed = await sealNext(realisticExport().slice(0, 6), null, {
      cityEncryptionKey: { kid: trusted.kid, jwk: trusted.jwk as X25519PublicJwk },
    });
    writeFileSync(bundleFile, sealed.fileText);

    const io = capture();
    const code = await bundleCli(
      ['verify', bundleFile, '--enrollment', enrollmentFile, '--city-keys', dataDirectory],
      io,
    );
    expect([code, io.errors]).toEqual([0, []]);
    const text = io.text();
    expect(text).toContain('Hai chữ ký hợp lệ (both signatures valid)');
    expect(text).toContain('Trần Thị Lan (lan.tran)');
    expect(text).toContain(`Số thứ tự (sequence): 1`);
    expect(text).toContain(`Mã băm gói (bundle hash): ${sealed.bundleHash}`);
    expect(text).toContain('Số hồ sơ (records): 6 — Patient 5, QuestionnaireResponse 1');
    for (const entry of sealed.manifest) {
      expect(text).toContain(
        `${entry.resourceType}/${entry.id}/_history/${entry.versionId}  ${entry.sha256}`,
      );
    }

    const json = capture();
    expect(
      await bundleCli(['verify', bundleFile, '--enrollment', enrollmentFile, '--json'], json),
    ).toBe(0);
    expect(JSON.parse(json.text())).toMatchObject({
      verified: true,
      decrypted: false,
      bundleHash: sealed.bundleHash,
      signers: { supervisor: { username: 'lan.tran' } },
    });
  });

  it('bundle verify refuses a tampered file with its code', async () => {
    const tampered = join(temporaryDirectory(), 'tampered.json');
    writeFileSync(
      tampered,
      withJweSegment(sealed.fileText, 3, (s) => flipByte(s, 1)),
    );
    const io = capture();
    expect(await bundleCli(['verify', tampered, '--enrollment', enrollmentFile], io)).toBe(1);
    expect(io.errors.slice(0, 2)).toEqual([
      'Lỗi BUNDLE_SIGNATURE_INVALID: Chữ ký của gói đồng bộ không hợp lệ: tệp đã bị thay đổi sau khi ký.',
      'Error BUNDLE_SIGNATURE_INVALID: A signature on the sync bundle is invalid: the file was changed after signing.',
    ]);
  });

  it('bundle inspect shows the header without decrypting anything personal', async () => {
    const io = capture();
    expect(await bundleCli(['inspect', bundleFile], io)).toBe(0);
    const text = io.text();
    expect(text).toContain('Chưa kiểm tra chữ ký, chưa giải mã');
    expect(text).toContain(`Mã gói (bundle id): ${sealed.header.bundleId}`);
    expect(text).toContain('Số hồ sơ (records): 6 — Patient 5, QuestionnaireResponse 1');
    expect(text).not.toContain(IDS.anh);
    expect(text).not.toContain('Nguyễn');
  });

  it('serve receives the bundle over HTTP until it is stopped', async () => {
    const io = capture();
    const stop = new AbortController();
    const serving = cityStoreCli(['serve', '--data-dir', dataDirectory, '--port', '0'], {
      ...io,
      stopSignal: stop.signal,
    });
    let url: string | undefined;
    while (url === undefined) {
      await new Promise((r) => setTimeout(r, 20));
      url = /listening on\): (\S+)/.exec(io.text())?.[1];
    }
    const response = await fetch(`${url}/bundles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/jose+json' },
      body: sealed.fileText,
    });
    expect(response.status).toBe(200);
    const keys = await readCityKeyFile(
      readFileSync(join(dataDirectory, CITY_STORE_FILES.publicKeys), 'utf8'),
    );
    const receiptKey = keys.find((k) => k.use === 'receipt-signing')!;
    const { receipt } = await verifyReceipt(await response.text(), {
      cityKeys: [
        {
          use: 'receipt-signing',
          kid: receiptKey.kid,
          jwk: receiptKey.jwk as never,
          validFrom: '2026-01-01T00:00:00Z',
          importedAt: '2026-01-01T00:00:00Z',
          importedBy: 'admin',
        },
      ],
      expected: {
        stationCode: STATION_CODE,
        bundleHash: sealed.bundleHash,
        records: sealed.manifest,
      },
    });
    expect(receipt.records.map((r) => r.status)).toEqual(sealed.manifest.map(() => 'accepted'));
    stop.abort();
    expect(await serving).toBe(0);
  });

  it('rotate-keys makes new current keys and still opens bundles sealed to the old one', async () => {
    const before = readFileSync(join(dataDirectory, CITY_STORE_FILES.publicKeys), 'utf8');
    const io = capture();
    expect(await cityStoreCli(['rotate-keys', '--data-dir', dataDirectory], io)).toBe(0);
    const after = readFileSync(join(dataDirectory, CITY_STORE_FILES.publicKeys), 'utf8');
    const [oldKids, newKids] = [before, after].map((text) =>
      (JSON.parse(text) as { keys: { kid: string }[] }).keys.map((k) => k.kid),
    );
    expect(newKids!.some((kid) => oldKids!.includes(kid))).toBe(false);
    const verify = capture();
    expect(
      await bundleCli(
        ['verify', bundleFile, '--enrollment', enrollmentFile, '--city-keys', dataDirectory],
        verify,
      ),
    ).toBe(0);
    expect(verify.text()).toContain('Đã giải mã');
  });

  it('reports wrong usage with exit code 2', async () => {
    const io = capture();
    expect(await bundleCli(['verify', bundleFile], io)).toBe(2);
    expect(await cityStoreCli(['enroll', '--data-dir', dataDirectory], io)).toBe(2);
    expect(await cityStoreCli(['init', '--bogus'], io)).toBe(2);
    expect(io.errors.join('\n')).toContain('Cách dùng (usage)');
  });
});
