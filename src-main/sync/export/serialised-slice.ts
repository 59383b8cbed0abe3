import { resourceUrl } from '../../../src-shared/fhir/ids';
import type { FhirResource } from '../../../src-shared/fhir/types';
import { CanonicalWriter } from '../../../src-shared/sync/canonical-writer';
import type { OutboxRow } from '../../db/sync-repository';
import { sha256Hex } from '../envelope';
import { resourcesOfChanges, type MappingContext } from './record-resources';

/**
 * A run of outbox changes mapped to FHIR and serialised, ready to be packed into parts
 * (export-parts.ts).
 *
 * Each resource is written once, with CanonicalWriter, as the UTF-8 of its Bundle entry
 * `{"fullUrl":"…","resource":<canonical JSON (RFC 8785)>}`, into one buffer for the whole
 * run, the entries separated by commas; its SHA-256 (for the record manifest) is taken over
 * the resource's own bytes there. A part's plaintext is then these entries copied side by
 * side: no resource is serialised twice, and no string or buffer is held per resource.
 */

export interface SerialisedRecord {
  resourceType: string;
  id: string;
  versionId: string;
  /** SHA-256 (hex) of the resource's canonical JSON. */
  sha256: string;
  /** The entry's bytes in the slice: [start, end). */
  start: number;
  end: number;
  /** The length of the resource's own canonical JSON, as parts are budgeted (bundle-header.ts). */
  canonicalBytes: number;
}

export interface SerialisedChange {
  seq: number;
  records: SerialisedRecord[];
}

export interface SerialisedSlice {
  /** Every entry of the slice, comma-separated as in a Bundle's `entry` array. */
  bytes: Buffer;
  changes: SerialisedChange[];
}

const RESOURCE_MEMBER = Buffer.from(',"resource":', 'latin1');
const ENTRY_END = Buffer.from('}', 'latin1');
const ENTRY_SEPARATOR = Buffer.from(',', 'latin1');

/** Maps a run of outbox changes to FHIR and serialises them (see serialiseResources). */
export function serialiseSlice(
  ctx: MappingContext,
  changes: readonly OutboxRow[],
): SerialisedSlice {
  return serialiseResources(resourcesOfChanges(ctx, changes));
}

/** Writes each change's resources as Bundle entries into one buffer, hashing each resource. */
export function serialiseResources(
  changes: Iterable<{ seq: number; resources: readonly FhirResource[] }>,
  writer = new CanonicalWriter(4 * 1024 * 1024, (size) => Buffer.allocUnsafe(size)),
): SerialisedSlice {
  const serialised: SerialisedChange[] = [];
  for (const { seq, resources } of changes) {
    const records = resources.map((resource): SerialisedRecord => {
      // Entries are separated as in the Bundle's `entry` array, so that a run of them goes
      // into a part in one copy.
      if (writer.length > 0) writer.raw(ENTRY_SEPARATOR);
      const start = writer.length;
      writer.ascii('{"fullUrl":');
      writer.value(resourceUrl(resource.resourceType, resource.id));
      writer.raw(RESOURCE_MEMBER);
      const resourceStart = writer.length;
      writer.value(resource);
      const resourceEnd = writer.length;
      writer.raw(ENTRY_END);
      return {
        resourceType: resource.resourceType,
        id: resource.id,
        versionId: resource.meta.versionId,
        sha256: sha256Hex(writer.view(resourceStart, resourceEnd)),
        start,
        end: writer.length,
        canonicalBytes: resourceEnd - resourceStart,
      };
    });
    serialised.push({ seq, records });
  }
  const bytes = writer.take();
  return {
    bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    changes: serialised,
  };
}
