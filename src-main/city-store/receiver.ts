import { v7 as uuidv7 } from 'uuid';
import type { FhirResource } from '../../src-shared/fhir/types';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { checkChain } from '../../src-shared/sync/chain';
import {
  enrolledKeysOf,
  type Ed25519PrivateJwk,
  type X25519PrivateJwk,
} from '../../src-shared/sync/enrollment';
import type { Receipt, ReceiptRecord } from '../../src-shared/sync/receipt';
import {
  compareRecordRefs,
  recordRefKey,
  type EnvelopeFhirBundle,
  type RecordManifestEntry,
} from '../../src-shared/sync/record-manifest';
import { SyncError } from '../../src-shared/sync/sync-errors';
import { fhirValidationErrors } from '../fhir/validate';
import { inspectBundle, openBundle, sha256Hex, verifyBundle } from '../sync/envelope';
import { keyId } from '../sync/keys';
import { signReceipt } from '../sync/receipt-signature';
import {
  PERMITTED_RESOURCE_TYPES,
  compareVersionIds,
  referencedTargets,
  type ResourceTarget,
} from './record-rules';
import type { CityStoreStorage, ResourceVersionToStore, StoredVersion } from './storage';

/**
 * The reference receiver (docs/sync-protocol.md §6): one bundle file in, one signed receipt
 * out. The envelope is checked in the protocol's order — read, station, idempotency,
 * signatures, chain, decryption and content — and a refusal at any of these steps throws a
 * SyncError with its stable code and stores nothing. Only a bundle that passes them all is
 * ingested, record by record, in one transaction with its receipt.
 */

export interface CityPrivateKeys {
  /**
   * Every X25519 key the city has received bundles with, newest or not: a bundle sealed to
   * a key before a rotation still opens (the JWE names its key, §2.4).
   */
  decryptionKeys: readonly X25519PrivateJwk[];
  /** The key receipts are signed with now. */
  receiptKey: Ed25519PrivateJwk;
}

/** Error messages for one resource; an empty list means valid FHIR R4. */
export type FhirValidator = (resource: unknown) => readonly string[];

export interface ReceiveOptions {
  storage: CityStoreStorage;
  cityKeys: CityPrivateKeys;
  /** The current instant, ISO 8601 in UTC (the receipt's receivedAt). */
  now: () => string;
  /** FHIR R4 validation of each record the city does not hold yet (default: @medplum/core). */
  validate?: FhirValidator;
  newReceiptId?: () => string;
}

export interface ReceiveResult {
  /** `duplicate-bundle`: this bundle was received before; its stored receipt is returned. */
  status: 'accepted' | 'duplicate-bundle';
  receiptText: string;
}

/** FHIR R4 validation by @medplum/core; a resource it cannot even walk is invalid too. */
export const validateWithFhirDefinitions: FhirValidator = (resource) => {
  try {
    return fhirValidationErrors(resource as FhirResource).map(
      (issue) => `${issue.path}: ${issue.message}`,
    );
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
};

export async function receiveBundle(
  fileText: string,
  options: ReceiveOptions,
): Promise<ReceiveResult> {
  const { storage } = options;

  // 1. Read: size, JSON, JWS and JWE shapes, protected headers.
  const inspection = inspectBundle(fileText);
  const { header } = inspection;

  // 2. Station.
  const station = storage.findStation(header.stationCode);
  if (station === null) {
    throw new SyncError(
      'STATION_UNKNOWN',
      `Station ${header.stationCode} is not enrolled at this city store.`,
      { stationCode: header.stationCode },
    );
  }

  // 3. Idempotency: the same bytes again get the same receipt; the id with other bytes is refused.
  const received = storage.findBundle(header.bundleId);
  if (received !== null) {
    if (
      received.bundleHash === inspection.bundleHash &&
      received.stationCode === header.stationCode
    ) {
      return { status: 'duplicate-bundle', receiptText: received.receiptText };
    }
    throw new SyncError(
      'BUNDLE_REPLAYED',
      `Bundle id ${header.bundleId} was already received with other content.`,
      { bundleId: header.bundleId },
    );
  }

  // 4. Signatures, by keys enrolled in their roles for this station.
  const verified = await verifyBundle(fileText, enrolledKeysOf(station.enrollment));

  // 5. Chain.
  const previous = storage.lastChainLink(header.stationCode);
  const verdict = checkChain(previous, verified.header);
  if (verdict !== 'CHAIN_OK') {
    throw new SyncError(verdict, undefined, {
      stationCode: header.stationCode,
      sequence: header.sequence,
      lastSequence: previous?.sequence ?? 0,
    });
  }

  // 6–7. Decrypt with the key the JWE names, and check the content against the signed header.
  const decryptionKey = await findDecryptionKey(
    options.cityKeys.decryptionKeys,
    verified.encryptionKid,
  );
  const opened = await openBundle(fileText, decryptionKey);

  // 8. Ingest, sign the receipt, and store both in one transaction.
  const { records, toStore } = ingestRecords(
    opened.fhirBundle,
    opened.manifest,
    storage,
    options.validate ?? validateWithFhirDefinitions,
  );
  const receipt: Receipt = {
    receiptId: (options.newReceiptId ?? uuidv7)(),
    bundleId: header.bundleId,
    bundleHash: opened.bundleHash,
    stationCode: header.stationCode,
    sequence: header.sequence,
    receivedAt: options.now(),
    records,
  };
  const receiptText = await signReceipt(receipt, options.cityKeys.receiptKey);
  storage.commitBundle(
    {
      bundleId: header.bundleId,
      bundleHash: opened.bundleHash,
      stationCode: header.stationCode,
      sequence: header.sequence,
      receivedAt: receipt.receivedAt,
      receiptText,
      header: opened.header,
    },
    previous,
    toStore,
  );
  return { status: 'accepted', receiptText };
}

async function findDecryptionKey(
  keys: readonly X25519PrivateJwk[],
  kid: string,
): Promise<X25519PrivateJwk> {
  for (const key of keys) {
    if ((await keyId(key)) === kid) return key;
  }
  throw new SyncError(
    'BUNDLE_RECIPIENT_UNKNOWN',
    `The bundle is encrypted to city key ${kid}, which this city store does not hold.`,
    { encryptionKid: kid },
  );
}

/**
 * The resource's canonical JSON (RFC 8785), whose SHA-256 is the manifest's. The station
 * sends canonical JSON, and parsing then stringifying keeps its key order (FHIR has no
 * integer-like element names, the one case where JavaScript reorders keys), so
 * `JSON.stringify` gives the same text at a quarter of the cost; the hash proves it, and
 * anything else is canonicalised properly.
 */
function storedJson(resource: unknown, sha256: string): string {
  const text = JSON.stringify(resource);
  return sha256Hex(text) === sha256 ? text : canonicalJson(resource);
}

interface IngestOutcome {
  /** One per record, in manifest order (resourceType, id, versionId). */
  records: ReceiptRecord[];
  /** The accepted versions, in the bundle's order. */
  toStore: ResourceVersionToStore[];
}

/**
 * Decides each record's fate, in the bundle's order so that two versions of one record
 * travelling together are taken oldest first:
 * - NOT_PERMITTED: a resource type stations do not send;
 * - duplicate: the city holds this version with the same hash;
 * - VERSION_CONFLICT: it holds this version with another hash;
 * - VERSION_OUTDATED: it holds a newer version (an old one never overwrites a newer one);
 * - FHIR_INVALID: not valid FHIR R4. Validation runs only here, on versions the city does
 *   not hold yet, so a resent or duplicate record is never validated twice;
 * - REFERENCE_UNRESOLVED: a reference to a record neither in the bundle nor in the store
 *   (a `urn:uuid:` reference resolves only inside its bundle, FHIR R4 Bundle §"Resolving
 *   references");
 * - otherwise accepted.
 */
function ingestRecords(
  fhirBundle: EnvelopeFhirBundle,
  manifest: readonly RecordManifestEntry[],
  storage: CityStoreStorage,
  validate: FhirValidator,
): IngestOutcome {
  const entries = fhirBundle.entry ?? [];
  const hashes = new Map(manifest.map((entry) => [recordRefKey(entry), entry.sha256]));
  const inBundle = new Set(
    entries.map(({ resource }) => `${resource.resourceType}/${resource.id}`),
  );
  const idsInBundle = new Set(entries.map(({ resource }) => resource.id));
  const versionsOf = new Map<string, StoredVersion[]>();
  const knownVersions = (resourceType: string, id: string): StoredVersion[] => {
    const key = `${resourceType}/${id}`;
    let versions = versionsOf.get(key);
    if (versions === undefined) {
      versions = storage.storedVersions(resourceType, id);
      versionsOf.set(key, versions);
    }
    return versions;
  };
  const resolves = (target: ResourceTarget): boolean =>
    target.resourceType === null
      ? idsInBundle.has(target.id)
      : inBundle.has(`${target.resourceType}/${target.id}`) ||
        storage.hasResource(target.resourceType, target.id);

  const records: ReceiptRecord[] = [];
  const toStore: ResourceVersionToStore[] = [];
  for (const { resource } of entries) {
    const { resourceType, id } = resource;
    const { versionId } = resource.meta;
    const ref = { resourceType, id, versionId };
    const sha256 = hashes.get(recordRefKey(ref))!;
    const reject = (reason: string) => records.push({ ...ref, status: 'rejected', reason });

    if (!PERMITTED_RESOURCE_TYPES.has(resourceType)) {
      reject('NOT_PERMITTED');
      continue;
    }
    const versions = knownVersions(resourceType, id);
    const same = versions.find((stored) => stored.versionId === versionId);
    if (same !== undefined) {
      if (same.sha256 === sha256) records.push({ ...ref, status: 'duplicate' });
      else reject('VERSION_CONFLICT');
      continue;
    }
    if (versions.some((stored) => compareVersionIds(stored.versionId, versionId) > 0)) {
      reject('VERSION_OUTDATED');
      continue;
    }
    if (validate(resource).length > 0) {
      reject('FHIR_INVALID');
      continue;
    }
    if (!referencedTargets(resource).every(resolves)) {
      reject('REFERENCE_UNRESOLVED');
      continue;
    }
    records.push({ ...ref, status: 'accepted' });
    versions.push({ versionId, sha256 });
    toStore.push({ ...ref, sha256, json: storedJson(resource, sha256) });
  }
  records.sort(compareRecordRefs);
  return { records, toStore };
}
