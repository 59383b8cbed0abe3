import { buildFhirBundle, type FhirBundleOptions } from '../../../src-shared/fhir/bundle';
import { resourceUrl } from '../../../src-shared/fhir/ids';
import type { FhirResource } from '../../../src-shared/fhir/types';
import {
  BUNDLE_WRAPPER_BYTES,
  ENTRY_WRAPPER_BYTES,
  MAX_PLAINTEXT_BYTES,
} from '../../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import {
  manifestOfHashedEntries,
  recordRefKey,
  type RecordRef,
} from '../../../src-shared/sync/record-manifest';
import { SyncError } from '../../../src-shared/sync/sync-errors';
import { sha256Hex, startBundleContent, type PendingBundleContent } from '../envelope';

/**
 * The parts of an export (docs/sync-protocol.md §5), filled change by change as the mapping
 * produces them. Each resource is serialised once, when it is mapped, to the UTF-8 of its
 * canonical JSON: those bytes give its size for packing, its hash for the record manifest,
 * and its place in the part's plaintext. The resource objects are let go at once. A full part
 * is assembled and its compression started on the thread pool while the mapping goes on.
 */

interface SerialisedResource {
  ref: RecordRef;
  fullUrl: string;
  /** UTF-8 of the resource's canonical JSON (RFC 8785). */
  canonical: Buffer;
  sha256: string;
}

interface SerialisedChange {
  seq: number;
  resources: SerialisedResource[];
  /** As splitIntoParts counts: each resource's canonical JSON plus its entry wrapper. */
  bytes: number;
}

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

function serialiseChange(seq: number, resources: readonly FhirResource[]): SerialisedChange {
  let bytes = 0;
  const serialised = resources.map((resource): SerialisedResource => {
    const canonical = Buffer.from(canonicalJson(resource), 'utf8');
    bytes += canonical.byteLength + ENTRY_WRAPPER_BYTES;
    return {
      ref: {
        resourceType: resource.resourceType,
        id: resource.id,
        versionId: resource.meta.versionId,
      },
      fullUrl: resourceUrl(resource.resourceType, resource.id),
      canonical,
      sha256: sha256Hex(canonical),
    };
  });
  return { seq, resources: serialised, bytes };
}

const ENTRY_SEPARATOR = Buffer.from(',', 'latin1');
const ENTRY_END = Buffer.from('}', 'latin1');

/**
 * A part's plaintext: the UTF-8 of its FHIR Bundle's canonical JSON (RFC 8785), made of each
 * resource's bytes as they were hashed, so no resource is serialised twice. The Bundle is
 * buildFhirBundle's; in canonical order its members are `entry` (the first: no other member
 * of a Bundle sorts before it), then the rest, and each entry is `fullUrl`, `resource`. A unit
 * test holds this to canonicalJson of the Bundle itself.
 */
export function partPlaintext(
  resources: readonly Pick<SerialisedResource, 'fullUrl' | 'canonical'>[],
  options: FhirBundleOptions,
): Buffer {
  // The Bundle's own members, without entries: {"id":…,"identifier":…,…,"type":"collection"}.
  const members = canonicalJson(buildFhirBundle([], options)).slice(1);
  const chunks: Buffer[] = [Buffer.from('{"entry":[', 'latin1')];
  resources.forEach(({ fullUrl, canonical }, index) => {
    if (index > 0) chunks.push(ENTRY_SEPARATOR);
    chunks.push(Buffer.from(`{"fullUrl":${canonicalJson(fullUrl)},"resource":`, 'utf8'));
    chunks.push(canonical, ENTRY_END);
  });
  chunks.push(Buffer.from(`],${members}`, 'utf8'));
  return Buffer.concat(chunks);
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
  private current: SerialisedChange[] = [];
  private used = 0;

  constructor(
    maxPlaintextBytes: number,
    /** The new part's bundle id and creation time, asked for when the part is assembled. */
    private readonly stamp: () => { bundleId: string; createdAt: string },
  ) {
    this.budget = Math.min(maxPlaintextBytes, MAX_PLAINTEXT_BYTES) - BUNDLE_WRAPPER_BYTES;
  }

  /** Adds the resources of one change; the part they do not fit in is assembled first. */
  add(seq: number, resources: readonly FhirResource[]): void {
    const change = serialiseChange(seq, resources);
    if (change.bytes > this.budget) {
      throw new SyncError(
        'BUNDLE_TOO_LARGE',
        `Outbox change ${seq} takes ${change.bytes} bytes, more than a part may hold (${this.budget}).`,
        { seq, bytes: change.bytes, budget: this.budget },
      );
    }
    if (this.current.length > 0 && this.used + change.bytes > this.budget) this.assemble();
    this.current.push(change);
    this.used += change.bytes;
  }

  /** Assembles the last part; returns every part. */
  finish(): AssembledPart[] {
    if (this.current.length > 0) this.assemble();
    return this.parts;
  }

  private assemble(): void {
    const { bundleId, createdAt } = this.stamp();
    const serialised = this.current.flatMap((change) => change.resources);
    const plaintext = partPlaintext(serialised, { bundleId, timestamp: createdAt });
    const manifest = manifestOfHashedEntries(
      serialised.map(({ ref, fullUrl, sha256 }) => ({ fullUrl, ...ref, sha256 })),
    );
    const content = startBundleContent(plaintext, manifest);
    // A cancelled export never awaits its remaining parts; their compression must not end
    // as an unhandled rejection. Sealing still awaits (and sees) any failure.
    content.compressed.catch(() => undefined);
    this.parts.push({
      bundleId,
      createdAt,
      content,
      outboxSeqByRecord: new Map(
        this.current.flatMap((change) =>
          change.resources.map(({ ref }) => [recordRefKey(ref), change.seq] as const),
        ),
      ),
      records: serialised.length,
    });
    this.current = [];
    this.used = 0;
  }
}
