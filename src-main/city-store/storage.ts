import type { BundleHeader } from '../../src-shared/sync/bundle-header';
import type { ChainLink } from '../../src-shared/sync/chain';
import type { Enrollment } from '../../src-shared/sync/enrollment';

/**
 * What the city record store keeps, behind an interface so that a city can put the reference
 * receiver in front of its own database: the enrolled stations, the bundles received (each
 * with the receipt it was answered with), and every accepted version of every record. The
 * chain position of a station is its last received bundle (docs/sync-protocol.md §6).
 *
 * Every method is synchronous and every write is one call: an implementation makes
 * `commitBundle` a single transaction, so a bundle is stored whole or not at all.
 */

export interface EnrolledStation {
  enrollment: Enrollment;
  /** When the city registered the (latest) enrollment file. */
  enrolledAt: string;
}

export interface ReceivedBundle {
  bundleId: string;
  bundleHash: string;
  stationCode: string;
  sequence: number;
  receivedAt: string;
  /** The signed receipt file the bundle was answered with; a resend gets it again unchanged. */
  receiptText: string;
}

/** One stored version of one record: what ingest compares an incoming version with. */
export interface StoredVersion {
  versionId: string;
  /** SHA-256 (hex) of the resource's canonical JSON, as in the bundle's record manifest. */
  sha256: string;
}

/** One record, all its versions. */
export interface RecordKey {
  resourceType: string;
  id: string;
}

export interface ResourceVersionToStore extends StoredVersion {
  resourceType: string;
  id: string;
  /** The resource's canonical JSON (RFC 8785): its SHA-256 is `sha256`. */
  json: string;
}

export interface BundleToCommit extends ReceivedBundle {
  header: BundleHeader;
}

export interface StorageCounts {
  stations: number;
  bundles: number;
  resourceVersions: number;
}

export interface CityStoreStorage {
  /** Registers a station, or replaces the keys of one already enrolled (§2.3). */
  enrollStation(enrollment: Enrollment, enrolledAt: string): void;
  findStation(stationCode: string): EnrolledStation | null;
  listStations(): EnrolledStation[];

  /** The station's last received bundle, or null before its first. */
  lastChainLink(stationCode: string): ChainLink | null;
  findBundle(bundleId: string): ReceivedBundle | null;

  /** Every stored version of one record (empty when the city has none). */
  storedVersions(resourceType: string, id: string): StoredVersion[];
  /**
   * Every stored version of each of these records, keyed `resourceType/id`; a record the
   * city does not hold has no key. One call for a whole bundle's records.
   */
  storedVersionsOf(records: readonly RecordKey[]): Map<string, StoredVersion[]>;
  /** True when the city holds any version of the record (reference resolution). */
  hasResource(resourceType: string, id: string): boolean;
  /** The canonical JSON of one stored record version, or null. */
  readResource(resourceType: string, id: string, versionId: string): string | null;

  /**
   * Stores a received bundle, its receipt and its accepted record versions in one
   * transaction, and so advances the station's chain. Refuses (BUNDLE_REPLAYED, nothing
   * stored) when the station's last link is no longer `expectedPrevious` or the bundle id is
   * already taken: another receiver got there first.
   */
  commitBundle(
    bundle: BundleToCommit,
    expectedPrevious: ChainLink | null,
    resources: readonly ResourceVersionToStore[],
  ): void;

  counts(): StorageCounts;
  close(): void;
}
