import { buildFhirBundle, type FhirBundleOptions } from '../../../src-shared/fhir/bundle';
import { resourceUrl } from '../../../src-shared/fhir/ids';
import type { FhirResource } from '../../../src-shared/fhir/types';
import {
  BUNDLE_WRAPPER_BYTES,
  ENTRY_WRAPPER_BYTES,
  MAX_PLAINTEXT_BYTES,
} from '../../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { CanonicalWriter } from '../../../src-shared/sync/canonical-writer';
import {
  manifestOfHashedEntries,
  type RecordManifestEntry,
} from '../../../src-shared/sync/record-manifest';
import { SyncError } from '../../../src-shared/sync/sync-errors';
import { sha256Hex, startBundleContent, type BundleContent } from '../envelope';

/**
 * The parts of an export (docs/sync-protocol.md §5), written change by change straight into
 * each part's plaintext: the UTF-8 of its FHIR Bundle's canonical JSON (RFC 8785). Each
 * resource is serialised once, as its Bundle entry `{"fullUrl":…,"resource":…}`, and hashed
 * over its own bytes there for the record manifest; no resource becomes a string, and no
 * part is copied together from pieces. A full part's compression starts on the thread pool
 * while the next changes are written, and its array is written into again once that is done.
 *
 * In canonical order a Bundle's members are `entry` first (no other member of a Bundle sorts
 * before it), then the rest, and each entry is `fullUrl`, `resource`: a part is
 * `{"entry":[` + its entries + `],` + the Bundle's other members + `}`. A unit test holds
 * every part to canonicalJson of buildFhirBundle's Bundle.
 */

/** A record (resource version) of a part: its manifest entry and the change it comes from. */
export interface PartRecord extends RecordManifestEntry {
  outboxSeq: number;
}

/** A part whose content is assembled: what sealing and storing it needs. */
export interface AssembledPart {
  bundleId: string;
  /** When the part was assembled: its FHIR Bundle's timestamp and its header's createdAt. */
  createdAt: string;
  /** Compressed and hashed on the thread pool while the next parts are written. */
  content: Promise<BundleContent>;
  /** In the order they were written. */
  records: PartRecord[];
}

/**
 * Arrays of the sizes a part is written into, given back once the part is compressed: an
 * export of 100 000 records then writes its 200 MB of plaintext into a few arrays instead of
 * allocating (and making the garbage collector account for) new ones all along.
 */
export class PartArrays {
  private readonly free: ArrayBuffer[] = [];
  /** Arrays handed out again (tests read it). */
  reused = 0;

  readonly allocate = (size: number): Buffer => {
    const index = this.free.findIndex((array) => array.byteLength === size);
    if (index < 0) return Buffer.allocUnsafe(size);
    this.reused += 1;
    return Buffer.from(this.free.splice(index, 1)[0]!, 0, size);
  };

  /** Takes back a part's plaintext (the whole array it starts), once nothing reads it. */
  recycle(bytes: Buffer): void {
    const array = bytes.buffer;
    // Only an array of its own: small Buffers share Node's pool (Buffer.poolSize bytes).
    if (
      bytes.byteOffset !== 0 ||
      !(array instanceof ArrayBuffer) ||
      array.byteLength <= Buffer.poolSize
    ) {
      return;
    }
    this.free.push(array);
    // A few are enough (a part is written while the one before it compresses); the oldest
    // goes first, as a last part copied out at its own size is not asked for again.
    if (this.free.length > MAX_FREE_ARRAYS) this.free.shift();
  }
}

const MAX_FREE_ARRAYS = 4;

const ENTRY_LIST_START = Buffer.from('{"entry":[', 'latin1');
const FULL_URL_MEMBER = Buffer.from('{"fullUrl":', 'latin1');
const RESOURCE_MEMBER = Buffer.from(',"resource":', 'latin1');
const ENTRY_END = Buffer.from('}', 'latin1');
const COMMA = Buffer.from(',', 'latin1');

/** What closes a part after its entries: `],` and the Bundle's other members, then `}`. */
function partEnd(options: FhirBundleOptions): Buffer {
  return Buffer.from(`],${canonicalJson(buildFhirBundle([], options)).slice(1)}`, 'utf8');
}

/** First array of a part: a default part in one, a larger bound grows into what it needs. */
const MAX_INITIAL_PART_ARRAY = 16 * 1024 * 1024;

/**
 * Packs whole changes into parts (docs/sync-protocol.md §5): a cancel or a killed export
 * between two bundles then never leaves a record version half sent, and a receipt
 * acknowledges a change only when the city answered for all of it. A part takes changes in
 * outbox order while they fit its budget (each resource counts as its canonical JSON plus
 * ENTRY_WRAPPER_BYTES, each part keeps BUNDLE_WRAPPER_BYTES, as splitIntoParts counts); a
 * change written past the budget moves on to start the next part, and a change larger than
 * a part on its own is refused and leaves nothing written.
 */
export class PartPacker {
  private readonly parts: AssembledPart[] = [];
  private readonly budget: number;
  private readonly writer: CanonicalWriter<Buffer>;
  private records: PartRecord[] = [];
  private used = 0;

  constructor(
    maxPlaintextBytes: number,
    /** The new part's bundle id and creation time, asked for when the part is assembled. */
    private readonly stamp: () => { bundleId: string; createdAt: string },
    private readonly arrays = new PartArrays(),
  ) {
    const bound = Math.min(maxPlaintextBytes, MAX_PLAINTEXT_BYTES);
    this.budget = bound - BUNDLE_WRAPPER_BYTES;
    this.writer = new CanonicalWriter(Math.min(bound, MAX_INITIAL_PART_ARRAY), arrays.allocate);
    this.writer.raw(ENTRY_LIST_START);
  }

  /**
   * Writes one change's resources into the current part; when they take it past its budget,
   * the part is assembled without them and they start the next.
   */
  add(seq: number, resources: readonly FhirResource[]): void {
    const { writer } = this;
    const changeStart = writer.length;
    const firstRecord = this.records.length;
    let size = 0;
    try {
      for (const resource of resources) {
        const { resourceType, id } = resource;
        if (this.records.length > 0) writer.raw(COMMA);
        writer.raw(FULL_URL_MEMBER);
        writer.value(resourceUrl(resourceType, id));
        writer.raw(RESOURCE_MEMBER);
        const resourceStart = writer.length;
        writer.value(resource);
        const resourceEnd = writer.length;
        writer.raw(ENTRY_END);
        size += resourceEnd - resourceStart + ENTRY_WRAPPER_BYTES;
        this.records.push({
          resourceType,
          id,
          versionId: resource.meta.versionId,
          sha256: sha256Hex(writer.view(resourceStart, resourceEnd)),
          outboxSeq: seq,
        });
      }
      if (size > this.budget) {
        throw new SyncError(
          'BUNDLE_TOO_LARGE',
          `Outbox change ${seq} takes ${size} bytes, more than a part may hold (${this.budget}).`,
          { seq, bytes: size, budget: this.budget },
        );
      }
    } catch (error) {
      writer.truncate(changeStart);
      this.records.length = firstRecord;
      throw error;
    }
    if (firstRecord === 0 || this.used + size <= this.budget) {
      this.used += size;
      return;
    }
    // The change moves to the next part: its entries without the comma before them.
    const moved = Buffer.from(writer.view(changeStart + COMMA.length, writer.length));
    const movedRecords = this.records.splice(firstRecord);
    writer.truncate(changeStart);
    this.assemble();
    writer.raw(moved);
    this.records = movedRecords;
    this.used = size;
  }

  /** Assembles the last part; returns every part. */
  finish(): AssembledPart[] {
    if (this.records.length > 0) this.assemble();
    return this.parts;
  }

  private assemble(): void {
    const { bundleId, createdAt } = this.stamp();
    const records = this.records;
    this.writer.raw(partEnd({ bundleId, timestamp: createdAt }));
    const plaintext = this.writer.take();
    this.records = [];
    this.used = 0;
    this.writer.raw(ENTRY_LIST_START);
    // Each entry's fullUrl as written, for the manifest's check that it names its resource.
    const manifest = manifestOfHashedEntries(
      records.map(({ resourceType, id, versionId, sha256 }) => ({
        fullUrl: resourceUrl(resourceType, id),
        resourceType,
        id,
        versionId,
        sha256,
      })),
    );
    const content = startBundleContent(plaintext, manifest);
    // Compressed and hashed, the plaintext is read no more: its array takes a later part. A
    // cancelled export never awaits its remaining parts; their content must not end as an
    // unhandled rejection. Sealing still awaits (and sees) any failure.
    content.then(
      () => this.arrays.recycle(plaintext),
      () => undefined,
    );
    this.parts.push({ bundleId, createdAt, content, records });
  }
}
