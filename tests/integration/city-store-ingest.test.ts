import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveBundle, type CityPrivateKeys } from '../../src-main/city-store/receiver';
import {
  openSqliteCityStore,
  type SqliteCityStoreStorage,
} from '../../src-main/city-store/sqlite-storage';
import { openConnection } from '../../src-main/db/driver';
import { encryptedSchemeOf } from '../../src-main/db/encryption';
import { sealBundle, sha256Hex, type SealedBundle } from '../../src-main/sync/envelope';
import { verifyReceipt } from '../../src-main/sync/receipt-signature';
import { buildFhirBundle } from '../../src-shared/fhir/bundle';
import { nextChainPosition, type ChainLink } from '../../src-shared/sync/chain';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import type { EnvelopeFhirBundle } from '../../src-shared/sync/record-manifest';
import {
  OBSERVATION_ID,
  PATIENT_ID,
  STATION_CODE,
  bodyWeight,
  enrollmentFor,
  makeParties,
  patient,
  type Parties,
} from '../unit/main/sync/fixtures';

/** How the reference receiver reads what it holds and what it stores, bundle by bundle. */

let parties: Parties;
let cityKeys: CityPrivateKeys;
let directory: string;

beforeAll(async () => {
  parties = await makeParties();
  cityKeys = {
    decryptionKeys: [parties.cityEncryption.privateJwk],
    receiptKey: parties.cityReceipt.privateJwk,
  };
  directory = mkdtempSync(join(tmpdir(), 'city-store-ingest-'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function newStorage(
  file = join(directory, `${uuidv7()}.sqlite3`),
  key: Buffer | null = null,
): SqliteCityStoreStorage {
  const storage = openSqliteCityStore(file, { key });
  storage.enrollStation(enrollmentFor(parties), '2026-03-01T02:00:00.000Z');
  return storage;
}

/** A store at `file` that has received one bundle of a Patient and an Observation. */
async function storeWithOneBundle(
  file: string,
  key: Buffer | null,
): Promise<{ storage: SqliteCityStoreStorage; sealed: SealedBundle }> {
  const storage = newStorage(file, key);
  const sealed = await sealNext([patient(), bodyWeight()], null);
  await receiveBundle(sealed.fileText, {
    storage,
    cityKeys,
    now: () => '2026-03-02T03:25:00.000Z',
  });
  return { storage, sealed };
}

function sealNext(
  resources: readonly unknown[],
  previous: ChainLink | null,
): Promise<SealedBundle> {
  const bundleId = uuidv7();
  return sealBundle({
    fhirBundle: buildFhirBundle(resources as never, {
      bundleId,
      timestamp: '2026-03-02T03:04:05.000Z',
    }) as unknown as EnvelopeFhirBundle,
    header: {
      bundleId,
      exportSetId: uuidv7(),
      part: 1,
      parts: 1,
      stationCode: STATION_CODE,
      createdAt: '2026-03-02T03:04:05.000Z',
      ...nextChainPosition(previous),
    },
    cityEncryptionKey: { kid: parties.cityEncryption.kid, jwk: parties.cityEncryption.publicJwk },
    stationKey: parties.station.privateJwk,
    supervisorKey: parties.supervisor.privateJwk,
  });
}

describe('the versions the city store holds', () => {
  it('are read for a whole bundle at once, keyed by record', async () => {
    const storage = newStorage();
    const first = await sealNext([patient(), bodyWeight()], null);
    await receiveBundle(first.fileText, {
      storage,
      cityKeys,
      now: () => '2026-03-02T03:25:00.000Z',
    });
    const second = await sealNext([patient(PATIENT_ID, '2', 'Trần')], {
      sequence: 1,
      bundleHash: first.bundleHash,
    });
    await receiveBundle(second.fileText, {
      storage,
      cityKeys,
      now: () => '2026-03-02T03:26:00.000Z',
    });

    const held = storage.storedVersionsOf([
      { resourceType: 'Patient', id: PATIENT_ID },
      { resourceType: 'Observation', id: OBSERVATION_ID },
      { resourceType: 'Patient', id: OBSERVATION_ID },
      { resourceType: 'Patient', id: PATIENT_ID },
    ]);
    const sha = (sealed: SealedBundle, id: string, versionId: string) =>
      sealed.manifest.find((entry) => entry.id === id && entry.versionId === versionId)!.sha256;
    const byVersion = [...held].map(([key, versions]) => [
      key,
      [...versions].sort((a, b) => Number(a.versionId) - Number(b.versionId)),
    ]);
    expect(Object.fromEntries(byVersion)).toEqual({
      [`Patient/${PATIENT_ID}`]: [
        { versionId: '1', sha256: sha(first, PATIENT_ID, '1') },
        { versionId: '2', sha256: sha(second, PATIENT_ID, '2') },
      ],
      [`Observation/${OBSERVATION_ID}`]: [
        { versionId: '2', sha256: sha(first, OBSERVATION_ID, '2') },
      ],
    });
    expect(storage.storedVersionsOf([]).size).toBe(0);
    storage.close();
  });
});

describe('the JSON the city store keeps of each record', () => {
  it('is the canonical JSON the manifest hashed, also where JavaScript reorders keys', async () => {
    // Integer-like member names (not FHIR, so validation is left out here) are the one case
    // where a parsed object's own key order is not the canonical order.
    const reordered = { ...patient(), '10': 'ten', '9': 'nine' };
    const storage = newStorage();
    const sealed = await sealNext([reordered, bodyWeight()], null);
    await receiveBundle(sealed.fileText, {
      storage,
      cityKeys,
      now: () => '2026-03-02T03:25:00.000Z',
      validate: () => [],
    });
    for (const entry of sealed.manifest) {
      const json = storage.readResource(entry.resourceType, entry.id, entry.versionId);
      expect(json).not.toBeNull();
      expect(sha256Hex(json!)).toBe(entry.sha256);
      expect(json).toBe(canonicalJson(JSON.parse(json!)));
    }
    storage.close();
  });
});

describe('the write-ahead log of the city store', () => {
  it('holds a received bundle durably before it is copied into the database file', async () => {
    const file = join(directory, `${uuidv7()}.sqlite3`);
    const { storage, sealed } = await storeWithOneBundle(file, null);
    // The commit left its pages in the log; another connection reads them there.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const reader = openSqliteCityStore(file, { key: null });
    expect(reader.counts()).toEqual({ stations: 1, bundles: 1, resourceVersions: 2 });
    reader.close();
    storage.close();
    const reopened = openSqliteCityStore(file, { key: null });
    expect(reopened.findBundle(sealed.header.bundleId)?.bundleHash).toBe(sealed.bundleHash);
    reopened.close();
  });
});

describe('a city store of an earlier version, encrypted with SQLCipher 4', () => {
  it('is re-encrypted with AEGIS-256 when it opens, every bundle and record still there', async () => {
    const file = join(directory, `${uuidv7()}.sqlite3`);
    const key = randomBytes(32);
    const { storage, sealed } = await storeWithOneBundle(file, key);
    storage.close();
    // As earlier versions wrote it: the same content, SQLCipher 4 under the same key.
    const db = openConnection(file, { key });
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
    db.close();
    expect(encryptedSchemeOf(file, key)).toBe('sqlcipher');

    const reopened = openSqliteCityStore(file, { key });
    expect(reopened.counts()).toEqual({ stations: 1, bundles: 1, resourceVersions: 2 });
    expect(reopened.findBundle(sealed.header.bundleId)?.bundleHash).toBe(sealed.bundleHash);
    reopened.close();
    expect(encryptedSchemeOf(file, key)).toBe('aegis');
  });
});

describe('versions of one record travelling together', () => {
  it('are decided in the bundle’s order, whatever their order in the receipt', async () => {
    const storage = newStorage();
    const sealed = await sealNext(
      [patient(PATIENT_ID, '10', 'Võ'), patient(PATIENT_ID, '9', 'Trần'), bodyWeight()],
      null,
    );
    const result = await receiveBundle(sealed.fileText, {
      storage,
      cityKeys,
      now: () => '2026-03-02T03:25:00.000Z',
    });
    const { receipt } = await verifyReceipt(result.receiptText, {
      cityKeys: [
        {
          use: 'receipt-signing',
          kid: parties.cityReceipt.kid,
          jwk: parties.cityReceipt.publicJwk,
          validFrom: '2026-01-01T00:00:00Z',
          importedAt: '2026-01-01T00:00:00Z',
          importedBy: 'admin',
        },
      ],
      expected: {
        stationCode: STATION_CODE,
        bundleId: sealed.header.bundleId,
        bundleHash: sealed.bundleHash,
        records: sealed.manifest,
      },
    });
    // The receipt follows the manifest's order ("10" before "9" as text); version 10 came
    // first in the bundle, so version 9 arrived outdated.
    expect(
      receipt.records.map((r) => `${r.resourceType} ${r.versionId} ${r.status} ${r.reason ?? ''}`),
    ).toEqual([
      'Observation 2 accepted ',
      'Patient 10 accepted ',
      'Patient 9 rejected VERSION_OUTDATED',
    ]);
    storage.close();
  });
});
