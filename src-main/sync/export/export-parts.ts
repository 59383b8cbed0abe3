import { buildFhirBundle, type FhirBundleOptions } from '../../../src-shared/fhir/bundle';
import { resourceUrl } from '../../../src-shared/fhir/ids';
import {
  BUNDLE_WRAPPER_BYTES,
  ENTRY_WRAPPER_BYTES,
  MAX_PLAINTEXT_BYTES,
} from '../../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import {
  manifestOfHashedEntries,
  recordRefKey,
  type HashedBundleEntry,
} from '../../../src-shared/sync/record-manifest';
import { SyncError } from '../../../src-shared/sync/sync-errors';
import { startBundleContent, type PendingBundleContent } from '../envelope';
import type { SerialisedChange } from './serialised-slice';

/**
 * The parts of an export (docs/sync-protocol.md §5), filled change by change from serialised
 * slices (serialised-slice.ts): each resource's entry is already the UTF-8 of its canonical
 * JSON, hashed for the record manifest; a part's plaintext is those entries copied side by
 * side. A full part is assembled and its compression started on the thread pool while the
 * next changes are mapped.
 */

/** A part whose content is assembled: what sealing and storing it needs. */
export interface AssembledPart {
  bundleId: string;
  /** When the part was assembled: its FHIR Bundle's timestamp and its header's createdAt. */
  createdAt: string;
  content: PendingBundleContent;
  /** The outbox change each record of the part comes from, by `recordRefKey`. */
  outboxSeqByRecord: Map<string, number>;
  records: number;
}

/**
 * Entries of a part in a slice's buffer: one `{"fullUrl":…,"resource":…}`, or a run of
 * them, comma-separated, copied as one.
 */
export interface EntryBytes {
  bytes: Buffer;
  start: number;
  end: number;
}

/**
 * A part's plaintext: the UTF-8 of its FHIR Bundle's canonical JSON (RFC 8785), made of each
 * entry's bytes as they were written and hashed. The Bundle is buildFhirBundle's; in
 * canonical order its members are `entry` (the first: no other member of a Bundle sorts
 * before it), then the rest, and each entry is `fullUrl`, `resource`. A unit test holds this
 * to canonicalJson of the Bundle itself.
 */
export function partPlaintext(entries: readonly EntryBytes[], options: FhirBundleOptions): Buffer {
  // The Bundle's own members, without entries: {"id":…,"identifier":…,…,"type":"collection"}.
  const members = Buffer.from(`],${canonicalJson(buildFhirBundle([], options)).slice(1)}`, 'utf8');
  let length = ENTRY_LIST_START.length + members.length + Math.max(0, entries.length - 1);
  for (const entry of entries) length += entry.end - entry.start;
  const plaintext = Buffer.allocUnsafe(length);
  let at = ENTRY_LIST_START.copy(plaintext, 0);
  entries.forEach(({ bytes, start, end }, index) => {
    if (index > 0) plaintext[at++] = COMMA;
    at += bytes.copy(plaintext, at, start, end);
  });
  members.copy(plaintext, at);
  return plaintext;
}

const ENTRY_LIST_START = Buffer.from('{"entry":[', 'latin1');
const COMMA = 0x2c;

interface PackedChange {
  change: SerialisedChange;
  bytes: Buffer;
}

/**
 * Packs whole changes into parts (docs/sync-protocol.md §5): a cancel or a killed export
 * between two bundles then never leaves a record version half sent, and a receipt
 * acknowledges a change only when the city answered for all of it. A part takes changes in
 * outbox order while they fit its budget; a change larger than a part on its own is refused.
 */
export class PartPacker {
  private readonly parts: AssembledPart[] = [];
  private readonly budget: number;
  private current: PackedChange[] = [];
  private used = 0;

  constructor(
    maxPlaintextBytes: number,
    /** The new part's bundle id and creation time, asked for when the part is assembled. */
    private readonly stamp: () => { bundleId: string; createdAt: string },
  ) {
    this.budget = Math.min(maxPlaintextBytes, MAX_PLAINTEXT_BYTES) - BUNDLE_WRAPPER_BYTES;
  }

  /**
   * Adds one serialised change (its entries in `bytes`); the part it does not fit in is
   * assembled first.
   */
  add(change: SerialisedChange, bytes: Buffer): void {
    let size = 0;
    for (const record of change.records) size += record.canonicalBytes + ENTRY_WRAPPER_BYTES;
    if (size > this.budget) {
      throw new SyncError(
        'BUNDLE_TOO_LARGE',
        `Outbox change ${change.seq} takes ${size} bytes, more than a part may hold (${this.budget}).`,
        { seq: change.seq, bytes: size, budget: this.budget },
      );
    }
    if (this.current.length > 0 && this.used + size > this.budget) this.assemble();
    this.current.push({ change, bytes });
    this.used += size;
  }

  /** Assembles the last part; returns every part. */
  finish(): AssembledPart[] {
    if (this.current.length > 0) this.assemble();
    return this.parts;
  }

  private assemble(): void {
    const { bundleId, createdAt } = this.stamp();
    const entries: EntryBytes[] = [];
    const hashed: HashedBundleEntry[] = [];
    const outboxSeqByRecord = new Map<string, number>();
    for (const { change, bytes } of this.current) {
      for (const record of change.records) {
        const run = entries.at(-1);
        // The next entry of the same slice: the run grows over the comma between them.
        if (run && run.bytes === bytes && run.end + 1 === record.start) run.end = record.end;
        else entries.push({ bytes, start: record.start, end: record.end });
        const { resourceType, id, versionId, sha256 } = record;
        hashed.push({
          fullUrl: resourceUrl(resourceType, id),
          resourceType,
          id,
          versionId,
          sha256,
        });
        outboxSeqByRecord.set(recordRefKey(record), change.seq);
      }
    }
    const plaintext = partPlaintext(entries, { bundleId, timestamp: createdAt });
    const content = startBundleContent(plaintext, manifestOfHashedEntries(hashed));
    // A cancelled export never awaits its remaining parts; their compression must not end
    // as an unhandled rejection. Sealing still awaits (and sees) any failure.
    content.compressed.catch(() => undefined);
    this.parts.push({
      bundleId,
      createdAt,
      content,
      outboxSeqByRecord,
      records: hashed.length,
    });
    this.current = [];
    this.used = 0;
  }
}
