import { childBpTableFor } from '../../../src-shared/clinical/paediatric-bp';
import { DEFAULT_PART_PLAINTEXT_BYTES } from '../../../src-shared/sync/bundle-header';
import { nextChainPosition } from '../../../src-shared/sync/chain';
import { requireCityEncryptionKey } from '../../../src-shared/sync/city-keys';
import type { FhirResource } from '../../../src-shared/fhir/types';
import { isSyncError } from '../../../src-shared/sync/sync-errors';
import type { Db } from '../../db/connection';
import { getSettings } from '../../db/settings-repository';
import { getStation } from '../../db/station-repository';
import {
  acknowledgeOutbox,
  insertBundle,
  lastChainLink,
  listCityKeys,
  listUnsentOutbox,
  residentsWithholdingCitySharing,
  type OutboxKind,
  type OutboxRow,
} from '../../db/sync-repository';
import type { Ed25519PrivateJwk } from '../../../src-shared/sync/enrollment';
import { encryptContent, signEncryptedContent, type SealedBundle } from '../envelope';
import { stationCodeOf } from '../station-keys';
import { PartPacker, type AssembledPart } from './export-parts';
import { resourcesOfChanges, type MappingContext } from './record-resources';

/**
 * An export: the selected outbox changes as FHIR resources, split into parts of bounded
 * size (docs/sync-protocol.md §5), each sealed and then stored with its records in one
 * transaction. Work is done in slices with the event loop free between them, so progress can
 * be read and a cancel lands between two bundles: what is stored is always whole bundles.
 *
 * Two passes. Mapping: each change is mapped and serialised, and a part is assembled as soon
 * as it is full, its compression running on the thread pool while the next changes are mapped
 * (export-parts.ts). Sealing: once the number of parts is known (every header carries it),
 * each part is encrypted, signed and stored in turn, chained to the bundle before it; one
 * part's signatures are made on the thread pool while the part before it is stored.
 */

export interface ExportSelection {
  from: string | null;
  to: string | null;
  kinds: readonly OutboxKind[];
}

export interface ExportSigner {
  userId: string;
  supervisorKey: Ed25519PrivateJwk;
  supervisorKid: string;
  stationKey: Ed25519PrivateJwk;
}

export interface ExportedBundle {
  id: string;
  records: number;
  bytes: number;
}

export interface ExportJob {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  records: number;
  totalRecords: number;
  bytes: number;
  bundleIds: string[];
  error: { code: string; message: string } | null;
  cancelRequested: boolean;
  /** Settles when the job stops, whatever the outcome. */
  finished: Promise<void>;
}

export interface ExportOptions {
  db: Db;
  now: () => Date;
  newId: () => string;
  selection: ExportSelection;
  signer: ExportSigner;
  /** Upper bound on one part's plaintext; DEFAULT_PART_PLAINTEXT_BYTES unless a test sets it. */
  partPlaintextBytes?: number;
  /** Records (outbox changes) mapped per slice before the event loop gets a turn. */
  sliceSize?: number;
  /** Called inside each bundle's transaction (to audit it). */
  onBundleStored?: (bundle: ExportedBundle) => void;
  onFinished?: (job: ExportJob) => void;
}

const VIETNAM_OFFSET = '+07:00';

/** A day in Vietnam time → the UTC instant it starts at. */
function startOfVietnamDay(day: string): string {
  return new Date(`${day}T00:00:00${VIETNAM_OFFSET}`).toISOString();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The record versions an export has taken, by resource type and id: no key string is made
 * and kept for each of 100 000 records, only the strings the resources already hold.
 */
export class TakenVersions {
  private readonly byType = new Map<string, Map<string, string | Set<string>>>();

  /** Takes a version; false when it was taken already. */
  add(resourceType: string, id: string, versionId: string): boolean {
    let ids = this.byType.get(resourceType);
    if (ids === undefined) {
      ids = new Map();
      this.byType.set(resourceType, ids);
    }
    const versions = ids.get(id);
    if (versions === undefined) {
      ids.set(id, versionId);
      return true;
    }
    if (typeof versions === 'string') {
      if (versions === versionId) return false;
      ids.set(id, new Set([versions, versionId]));
      return true;
    }
    if (versions.has(versionId)) return false;
    versions.add(versionId);
    return true;
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface ExportPlan {
  changes: OutboxRow[];
  /** Changes about residents who withdrew consent to city sharing (Law 91/2025). */
  held: OutboxRow[];
}

/** The changes an export would take, and those held back for consent. */
export function planExport(db: Db, selection: ExportSelection): ExportPlan {
  const rows = listUnsentOutbox(db, {
    kinds: selection.kinds,
    fromInstant: selection.from === null ? null : startOfVietnamDay(selection.from),
    toInstant: selection.to === null ? null : startOfVietnamDay(nextDay(selection.to)),
  });
  const withholding = residentsWithholdingCitySharing(db);
  const plan: ExportPlan = { changes: [], held: [] };
  for (const row of rows) {
    (row.residentId !== null && withholding.has(row.residentId) ? plan.held : plan.changes).push(
      row,
    );
  }
  return plan;
}

/** Starts an export; the returned job is updated as it runs. */
export function startExportJob(options: ExportOptions): ExportJob {
  const job: ExportJob = {
    jobId: options.newId(),
    state: 'running',
    records: 0,
    totalRecords: 0,
    bytes: 0,
    bundleIds: [],
    error: null,
    cancelRequested: false,
    finished: Promise.resolve(),
  };
  job.finished = runExport(job, options).then(
    () => {
      if (job.state === 'running') job.state = job.cancelRequested ? 'cancelled' : 'done';
      options.onFinished?.(job);
    },
    (error: unknown) => {
      job.state = 'failed';
      job.error = isSyncError(error)
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
      options.onFinished?.(job);
    },
  );
  return job;
}

async function runExport(job: ExportJob, options: ExportOptions): Promise<void> {
  const { db, signer } = options;
  const sliceSize = options.sliceSize ?? 2_000;
  // Let the caller see the job before the first slice runs.
  await yieldToEventLoop();
  const station = getStation(db);
  if (!station) throw new Error('The station is not set up.');
  const cityKey = requireCityEncryptionKey(listCityKeys(db), options.now().toISOString());
  const { changes } = planExport(db, options.selection);
  const stationRef = { name: station.name, facilityCode: station.facilityCode };
  const childBpTable = childBpTableFor(getSettings(db).childBloodPressureTable);

  const exportSetId = options.newId();
  const packer = new PartPacker(options.partPlaintextBytes ?? DEFAULT_PART_PLAINTEXT_BYTES, () => ({
    bundleId: options.newId(),
    createdAt: options.now().toISOString(),
  }));
  const withoutResources: number[] = [];
  // A change too large for any part fails the export, but only once every change was seen:
  // the changes with nothing to send are acknowledged all the same.
  let refusal: unknown = null;
  const taken = new TakenVersions();
  const take = (seq: number, mapped: readonly FhirResource[]) => {
    // A record version selected twice travels once (a receipt names each version once).
    const resources = mapped.filter((resource) =>
      taken.add(resource.resourceType, resource.id, resource.meta.versionId),
    );
    job.totalRecords += resources.length;
    if (resources.length === 0) {
      withoutResources.push(seq);
    } else if (refusal === null) {
      try {
        packer.add(seq, resources);
      } catch (error) {
        refusal = error;
      }
    }
  };
  for (let start = 0; start < changes.length; start += sliceSize) {
    if (job.cancelRequested) return;
    // A new context per slice: between slices the records (and their merges) may change.
    const mapping: MappingContext = { db, station: stationRef, childBpTable };
    for (const { seq, resources } of resourcesOfChanges(
      mapping,
      changes.slice(start, start + sliceSize),
    )) {
      take(seq, resources);
    }
    await yieldToEventLoop();
  }
  // A change with nothing clinical to send (an absent pupil) is done as soon as it is seen.
  if (withoutResources.length > 0) {
    db.transaction(() => acknowledgeOutbox(db, withoutResources, options.now().toISOString()))();
  }
  if (refusal !== null) throw refusal;

  const parts = packer.finish();
  const stationCode = stationCodeOf(station.facilityCode);
  // Sealing is pipelined: while one part's signatures are made on the thread pool, the part
  // before it is stored and the next one encrypted. A part's place in the chain follows the
  // JWE hash of the part before it, known once that part is encrypted.
  let position = nextChainPosition(lastChainLink(db));
  let signing: SigningPart | null = null;
  for (const [index, part] of parts.entries()) {
    if (job.cancelRequested) return;
    const encrypted = await encryptContent(await part.content, cityKey);
    const sealing = signEncryptedContent(encrypted, {
      header: {
        bundleId: part.bundleId,
        exportSetId,
        part: index + 1,
        parts: parts.length,
        stationCode,
        createdAt: part.createdAt,
        ...position,
      },
      stationKey: signer.stationKey,
      supervisorKey: signer.supervisorKey,
    });
    // Awaited when the part is stored; a cancel or a failure before then must not leave it
    // an unhandled rejection.
    sealing.catch(() => undefined);
    if (signing !== null) await storeSigned(signing);
    signing = { index, part, position, sealing };
    position = { sequence: position.sequence + 1, previousBundleHash: encrypted.bundleHash };
  }
  if (signing !== null && !job.cancelRequested) await storeSigned(signing);

  /** Stores a sealed part with its records in one transaction: the export's unit of work. */
  async function storeSigned({ index, part, position, sealing }: SigningPart): Promise<void> {
    const sealed = await sealing;
    const { bundleId, createdAt } = part;
    const bytes = Buffer.byteLength(sealed.fileText, 'utf8');
    const stored: ExportedBundle = { id: bundleId, records: part.records.length, bytes };
    db.transaction(() => {
      const expected = nextChainPosition(lastChainLink(db));
      if (
        expected.sequence !== position.sequence ||
        expected.previousBundleHash !== position.previousBundleHash
      ) {
        throw new Error('Another bundle was stored while this export was sealing its parts.');
      }
      insertBundle(db, {
        id: bundleId,
        exportSetId,
        part: index + 1,
        parts: parts.length,
        sequence: position.sequence,
        bundleHash: sealed.bundleHash,
        previousBundleHash: position.previousBundleHash,
        header: JSON.stringify(sealed.header),
        fileName: `${stationCode}-${String(position.sequence).padStart(6, '0')}.whs.json`,
        fileText: sealed.fileText,
        records: part.records.length,
        bytes,
        createdAt,
        createdBy: signer.userId,
        supervisorKid: signer.supervisorKid,
        recordRows: part.records,
      });
      options.onBundleStored?.(stored);
    })();
    job.bundleIds.push(bundleId);
    job.records += part.records.length;
    job.bytes += bytes;
    await yieldToEventLoop();
  }
}

/** A part whose signatures are being made, and where it goes in the chain. */
interface SigningPart {
  index: number;
  part: AssembledPart;
  position: ReturnType<typeof nextChainPosition>;
  sealing: Promise<SealedBundle>;
}
