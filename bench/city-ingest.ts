/**
 * `bundle.ingest.100k.s`: the reference city store receiving one bundle of N records (half
 * Patients, half body-weight Observations referring to them), from the file's text to the
 * committed transaction: inspect, verify both signatures, check the chain, decrypt, FHIR-validate
 * every record, sign the receipt and store it all in one transaction, into a fresh encrypted
 * SQLite store in a temporary directory. Building and sealing the bundle are not timed. The
 * store copies its write-ahead log into the database file once it is quiet, not inside the
 * commit (sqlite-storage.ts): here when it is closed, after the timing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { receiveBundle, type FhirValidator } from '../src-main/city-store/receiver';
import { openSqliteCityStore } from '../src-main/city-store/sqlite-storage';
import { loadFhirDefinitions } from '../src-main/fhir/validate';
import { sealBundle } from '../src-main/sync/envelope';
import { generateCityEncryptionKey, generateSigningKey } from '../src-main/sync/keys';
import { buildFhirBundle } from '../src-shared/fhir/bundle';
import { buildObservation } from '../src-shared/fhir/observation';
import { buildPatient } from '../src-shared/fhir/patient';
import type { FhirResource } from '../src-shared/fhir/types';
import { buildEnrollment } from '../src-shared/sync/enrollment';
import type { EnvelopeFhirBundle } from '../src-shared/sync/record-manifest';
import { STATION, binh, elderlyVisit } from '../tests/support/fhir-fixtures';

export interface IngestMeasurement {
  seconds: number;
  perRecordMicroseconds: number;
}

export interface IngestOptions {
  /** Leave FHIR validation out (to see its share of the cost); default false. */
  skipValidation?: boolean;
}

/** N resources: Patients made from the fixture resident Bình (no references to other residents), each with one Observation. */
function syntheticResources(records: number): FhirResource[] {
  const patientTemplate = buildPatient(binh, { managingStation: STATION });
  const resources: FhirResource[] = [];
  for (let index = 0; resources.length < records; index += 1) {
    const patientId = uuidv7();
    resources.push({ ...patientTemplate, id: patientId });
    if (resources.length < records) {
      resources.push(
        buildObservation(
          { ...elderlyVisit, recordId: uuidv7(), patientId, encounterId: undefined },
          { key: 'bodyWeight', value: 45 + (index % 400) / 10 },
        ),
      );
    }
  }
  return resources;
}

export async function measureIngest(
  records: number,
  options: IngestOptions = {},
): Promise<IngestMeasurement> {
  const [station, supervisor, cityEncryption, cityReceipt] = await Promise.all([
    generateSigningKey(),
    generateSigningKey(),
    generateCityEncryptionKey(),
    generateSigningKey(),
  ]);
  const stationCode = 'TYT-26911';
  const bundleId = uuidv7();
  const sealed = await sealBundle({
    fhirBundle: buildFhirBundle(syntheticResources(records), {
      bundleId,
      timestamp: new Date().toISOString(),
    }) as unknown as EnvelopeFhirBundle,
    header: {
      bundleId,
      exportSetId: uuidv7(),
      part: 1,
      parts: 1,
      stationCode,
      sequence: 1,
      createdAt: new Date().toISOString(),
      previousBundleHash: null,
    },
    cityEncryptionKey: { kid: cityEncryption.kid, jwk: cityEncryption.publicJwk },
    stationKey: station.privateJwk,
    supervisorKey: supervisor.privateJwk,
  });

  const directory = mkdtempSync(join(tmpdir(), 'city-ingest-'));
  const storage = openSqliteCityStore(join(directory, 'city-store.sqlite3'), {
    key: randomBytes(32),
  });
  try {
    storage.enrollStation(
      buildEnrollment({
        station: { stationCode, communeCode: '26911', facilityCode: 'BQ001', name: STATION.name },
        createdAt: new Date().toISOString(),
        stationKey: { kid: station.kid, jwk: station.publicJwk },
        supervisorKeys: [
          {
            username: 'lan.tran',
            fullName: 'Trần Thị Lan',
            kid: supervisor.kid,
            jwk: supervisor.publicJwk,
          },
        ],
      }),
      new Date().toISOString(),
    );
    // Loading the FHIR definitions is a once-per-process cost of the server, not of a bundle.
    loadFhirDefinitions();
    const noValidation: FhirValidator = () => [];
    const started = performance.now();
    const result = await receiveBundle(sealed.fileText, {
      storage,
      cityKeys: { decryptionKeys: [cityEncryption.privateJwk], receiptKey: cityReceipt.privateJwk },
      now: () => new Date().toISOString(),
      ...(options.skipValidation ? { validate: noValidation } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'accepted' || storage.counts().resourceVersions !== records) {
      throw new Error(
        `The bench bundle was not ingested whole (${storage.counts().resourceVersions}/${records}).`,
      );
    }
    return { seconds, perRecordMicroseconds: (seconds * 1e6) / records };
  } finally {
    storage.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
