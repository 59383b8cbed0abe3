import { v7 as uuidv7 } from 'uuid';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { checkChain } from '../../src-shared/sync/chain';
import {
  enrolledKeysOf,
  type Ed25519PrivateJwk,
  type X25519PrivateJwk,
} from '../../src-shared/sync/enrollment';
import type { Receipt, ReceiptRecord } from '../../src-shared/sync/receipt';
import { type RecordManifestEntry } from '../../src-shared/sync/record-manifest';
import { SyncError } from '../../src-shared/sync/sync-errors';
import { inspectBundle, openBundle, verifyBundle, type OpenedBundle } from '../sync/envelope';
import { keyId } from '../sync/keys';
import { signReceipt } from '../sync/receipt-signature';
import {
  PERMITTED_RESOURCE_TYPES,
  compareVersionIds,
  referencedTargets,
  type ResourceTarget,
} from './record-rules';
import { validateWithFhirDefinitions, type FhirValidator } from './fhir-validation';
import type { CityStoreStorage, ResourceVersionToStore, StoredVersion } from './storage';

export { validateWithFhirDefinitions, type FhirValidator };

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

export interface ReceiveOptions {
  storage: CityStoreStorage;
  cityKeys: CityPrivateKeys;
  /** The current instant, ISO 8601 in UTC (the receipt's receivedAt). */
  now: () => string;
  /**
   * FHIR R4 validation of each record the city does not hold yet (default:
   * validateWithFhirDefinitions, the rules of @medplum/core).
   */
  validate?: FhirValidator;
  newReceiptId?: () => string;
}

export interface ReceiveResult {
  /** `duplicate-bundle`: this bundle was received before; its stored receipt is returned. */
  status: 'accepted' | 'duplicate-bundle';
  receiptText: string;
}

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
    opened,
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
  { fhirBundle, manifest, canonicalForms }: OpenedBundle,
  storage: CityStoreStorage,
  validate: FhirValidator,
): IngestOutcome {
  const entries = fhirBundle.entry ?? [];
  const inBundle = (resourceType: string, id: string): boolean => {
    const first = manifest[firstPlace(manifest, resourceType, id)];
    return first !== undefined && first.resourceType === resourceType && first.id === id;
  };
  let idsInBundle: Set<string> | undefined;
  const resolves = (target: ResourceTarget): boolean => {
    if (target.resourceType === null) {
      idsInBundle ??= new Set(entries.map(({ resource }) => resource.id));
      return idsInBundle.has(target.id);
    }
    return (
      inBundle(target.resourceType, target.id) ||
      storage.hasResource(target.resourceType, target.id)
    );
  };
  // What the city holds of the bundle's records, read in one query. Each record's list,
  // kept by the place of its first version in the manifest, then collects the versions
  // accepted from this bundle.
  const held = storage.storedVersionsOf(entries.map(({ resource }) => resource));
  const versionsOf = new Map<number, StoredVersion[]>();
  const knownVersions = (resourceType: string, id: string, place: number): StoredVersion[] => {
    // The record's versions sit together in the manifest, the first one at or before `place`.
    let first = place;
    while (
      first > 0 &&
      manifest[first - 1]!.resourceType === resourceType &&
      manifest[first - 1]!.id === id
    ) {
      first -= 1;
    }
    let versions = versionsOf.get(first);
    if (versions === undefined) {
      versions = held.size === 0 ? [] : [...(held.get(`${resourceType}/${id}`) ?? [])];
      versionsOf.set(first, versions);
    }
    return versions;
  };

  const records: ReceiptRecord[] = new Array<ReceiptRecord>(manifest.length);
  const toStore: ResourceVersionToStore[] = [];
  for (const { resource } of entries) {
    const { resourceType, id } = resource;
    const { versionId } = resource.meta;
    const ref = { resourceType, id, versionId };
    const place = firstPlace(manifest, resourceType, id, versionId);
    const { sha256 } = manifest[place]!;
    const reject = (reason: string): void => {
      records[place] = { ...ref, status: 'rejected', reason };
    };

    if (!PERMITTED_RESOURCE_TYPES.has(resourceType)) {
      reject('NOT_PERMITTED');
      continue;
    }
    const versions = knownVersions(resourceType, id, place);
    const same = versions.find((stored) => stored.versionId === versionId);
    if (same !== undefined) {
      if (same.sha256 === sha256) records[place] = { ...ref, status: 'duplicate' };
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
    records[place] = { ...ref, status: 'accepted' };
    versions.push({ versionId, sha256 });
    // Stored as the canonical JSON its manifest hash was computed from (openBundle).
    toStore.push({ ...ref, sha256, json: canonicalForms.get(resource) ?? canonicalJson(resource) });
  }
  return { records, toStore };
}

/**
 * Where a record (or one version of it) is in the manifest, which is sorted by resourceType,
 * id, versionId (recordManifest, the receipt's order) and names each version once: the
 * place of the first entry not before it. Found by halving, with no key to build per lookup.
 */
function firstPlace(
  manifest: readonly RecordManifestEntry[],
  resourceType: string,
  id: string,
  versionId?: string,
): number {
  let low = 0;
  let high = manifest.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const entry = manifest[middle]!;
    const before =
      entry.resourceType !== resourceType
        ? entry.resourceType < resourceType
        : entry.id !== id
          ? entry.id < id
          : versionId !== undefined && entry.versionId < versionId;
    if (before) low = middle + 1;
    else high = middle;
  }
  return low;
}
