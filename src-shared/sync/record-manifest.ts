import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { SyncError } from './sync-errors';

/**
 * SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hexadecimal digits. Shared code has
 * no crypto of its own (no node:crypto, no DOM), so the caller passes it in: the main side
 * uses node:crypto (`sha256Hex` in src-main/sync/envelope.ts), a browser would use
 * SubtleCrypto.
 */
export type Sha256Hex = (text: string) => string;

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256HexSchema = z.string().regex(SHA256_HEX);

/** FHIR R4 `id` and `meta.versionId` datatype: [A-Za-z0-9\-\.]{1,64}. */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
const fhirId = z.string().regex(FHIR_ID);
/** FHIR resource type names: one capitalised word ("Patient", "Observation"). */
export const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/**
 * What the envelope needs of a FHIR resource: its type, its id (a record's UUIDv7, or a
 * name-based UUID for a resource derived from part of a record) and the record's version,
 * by which a receipt names it. Every other element is the FHIR mapping's business and passes
 * through untouched.
 */
export const envelopeResourceSchema = z.looseObject({
  resourceType: z.string().regex(RESOURCE_TYPE),
  id: fhirId,
  meta: z.looseObject({ versionId: fhirId }),
});
export type EnvelopeResource = z.output<typeof envelopeResourceSchema>;

/**
 * The plaintext of a bundle: a FHIR R4 Bundle whose entries each hold a resource and a
 * `fullUrl` naming that resource (see `fullUrlNames`). No `entry` means no records. The Bundle
 * type and anything else in it are set by the FHIR mapping (docs/fhir-mapping.md).
 */
export const envelopeFhirBundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().max(2048),
        resource: envelopeResourceSchema,
      }),
    )
    .optional(),
});
export type EnvelopeFhirBundle = z.output<typeof envelopeFhirBundleSchema>;

/** How a receipt and the station name one version of one record. */
export const recordRefSchema = z
  .object({
    resourceType: z.string().regex(RESOURCE_TYPE),
    id: fhirId,
    versionId: fhirId,
  })
  .strict();
export type RecordRef = z.output<typeof recordRefSchema>;

export const recordManifestEntrySchema = recordRefSchema.extend({ sha256: sha256HexSchema });
export type RecordManifestEntry = z.output<typeof recordManifestEntrySchema>;

/** Sort key order of the manifest and of record comparisons: resourceType, id, versionId. */
export function compareRecordRefs(a: RecordRef, b: RecordRef): number {
  // Code-unit comparison, the same order RFC 8785 uses for keys: no locale involved. Written
  // out member by member: a sort of 100 000 records calls it a million times.
  if (a.resourceType !== b.resourceType) return a.resourceType < b.resourceType ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.versionId !== b.versionId) return a.versionId < b.versionId ? -1 : 1;
  return 0;
}

export function recordRefKey(ref: RecordRef): string {
  return `${ref.resourceType}/${ref.id}/_history/${ref.versionId}`;
}

/**
 * True when an entry's fullUrl names its resource: `urn:uuid:<id>` (RFC 4122 URN, for ids
 * that are UUIDs), or an absolute RESTful URL ending in `/<resourceType>/<id>` (FHIR R4
 * Bundle, "Resolving references in Bundles": relative references such as `Patient/<id>`
 * resolve against it).
 */
export function fullUrlNames(
  fullUrl: string,
  resource: Pick<RecordRef, 'resourceType' | 'id'>,
): boolean {
  // Compared in place, without building the expected URL: it runs for every record sent.
  const { resourceType, id } = resource;
  const length = fullUrl.length;
  if (fullUrl.startsWith(URN_UUID))
    return length === URN_UUID.length + id.length && fullUrl.endsWith(id);
  const typeStart = length - id.length - 1 - resourceType.length;
  return (
    typeStart > 0 &&
    fullUrl.endsWith(id) &&
    fullUrl.charCodeAt(typeStart - 1) === SLASH &&
    fullUrl.startsWith(resourceType, typeStart) &&
    fullUrl.charCodeAt(length - id.length - 1) === SLASH &&
    RESTFUL_URL.test(fullUrl)
  );
}

const URN_UUID = 'urn:uuid:';
const SLASH = 0x2f;
const RESTFUL_URL = /^https?:\/\/[^\s]+$/;

/** One Bundle entry as the manifest sees it: the resource it names, and its hash. */
export interface HashedBundleEntry extends RecordManifestEntry {
  fullUrl: string;
}

/**
 * The per-record hashes of a bundle: one entry per resource with the SHA-256 of the
 * resource's canonical JSON (RFC 8785), sorted by resourceType, id, versionId. Refuses a
 * bundle with an entry whose fullUrl names another resource, or holding the same record
 * version twice, because a receipt could not then speak of each record unambiguously. Two
 * versions of one record may travel together (FHIR R4 constraint bdl-7 allows it).
 */
export function recordManifest(
  bundle: unknown,
  sha256Hex: Sha256Hex,
  /** Filled with each resource's canonical form, for the bundle's own serialisation. */
  canonicalForms?: WeakMap<object, string>,
): RecordManifestEntry[] {
  const parsed = envelopeFhirBundleSchema.safeParse(bundle);
  if (!parsed.success) {
    throw new SyncError(
      'BUNDLE_MALFORMED',
      `The FHIR Bundle does not have the shape the envelope needs: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  // Hash the caller's objects themselves, not the validator's copies of them.
  const originals = (bundle as { entry?: { resource: unknown }[] }).entry ?? [];
  const entries = (parsed.data.entry ?? []).map((entry, index): HashedBundleEntry => {
    const { resource } = entry;
    requireFullUrlNaming(entry.fullUrl, resource, index);
    const original = originals[index]!.resource as object;
    const canonical = canonicalJson(original);
    canonicalForms?.set(original, canonical);
    return {
      fullUrl: entry.fullUrl,
      resourceType: resource.resourceType,
      id: resource.id,
      versionId: resource.meta.versionId,
      sha256: sha256Hex(canonical),
    };
  });
  return sortedWithoutRepeats(entries);
}

/**
 * The manifest of a bundle the station assembled itself, from resources its own FHIR mapping
 * built and hashed as it serialised them. The schema check of `recordManifest` is for content
 * from outside; here the entries are typed already, so only what the envelope relies on is
 * checked, with the same refusals: the identifiers' syntax, a fullUrl naming another
 * resource, and a record version held twice (all BUNDLE_MALFORMED).
 */
export function manifestOfHashedEntries(
  entries: readonly HashedBundleEntry[],
): RecordManifestEntry[] {
  entries.forEach((entry, index) => {
    if (
      !RESOURCE_TYPE.test(entry.resourceType) ||
      !FHIR_ID.test(entry.id) ||
      !FHIR_ID.test(entry.versionId) ||
      !SHA256_HEX.test(entry.sha256)
    ) {
      throw new SyncError(
        'BUNDLE_MALFORMED',
        `Bundle entry ${index}: ${recordRefKey(entry)} is not a resource type, FHIR id and version with a SHA-256.`,
      );
    }
    requireFullUrlNaming(entry.fullUrl, entry, index);
  });
  return sortedWithoutRepeats(entries);
}

function requireFullUrlNaming(
  fullUrl: string,
  resource: Pick<RecordRef, 'resourceType' | 'id'>,
  index: number,
): void {
  if (!fullUrlNames(fullUrl, resource)) {
    throw new SyncError(
      'BUNDLE_MALFORMED',
      `Bundle entry ${index}: fullUrl ${fullUrl} does not name ${resource.resourceType}/${resource.id}.`,
    );
  }
}

/** Manifest order (resourceType, id, versionId); a record version held twice is refused. */
function sortedWithoutRepeats(entries: readonly HashedBundleEntry[]): RecordManifestEntry[] {
  const manifest = entries.map(({ resourceType, id, versionId, sha256 }): RecordManifestEntry => ({
    resourceType,
    id,
    versionId,
    sha256,
  }));
  manifest.sort(compareRecordRefs);
  for (let i = 1; i < manifest.length; i += 1) {
    if (compareRecordRefs(manifest[i - 1]!, manifest[i]!) === 0) {
      throw new SyncError(
        'BUNDLE_MALFORMED',
        `The bundle holds ${recordRefKey(manifest[i]!)} twice.`,
      );
    }
  }
  return manifest;
}

/**
 * The header's `recordManifestSha256`: SHA-256 of the manifest's canonical JSON (RFC 8785).
 * A manifest entry is its four string members; JSON.stringify given their names as its
 * property list writes each entry's members in the list's order, here the RFC 8785 order
 * (id, resourceType, sha256, versionId), and strings as RFC 8785 §3.2.2.2 specifies: the
 * same text as canonicalJson(manifest), in one native call instead of 100 000 small ones.
 */
export function recordManifestSha256(
  manifest: readonly RecordManifestEntry[],
  sha256Hex: Sha256Hex,
): string {
  return sha256Hex(JSON.stringify(manifest, MANIFEST_ENTRY_MEMBERS));
}

/** The members of a manifest entry, in RFC 8785 order (UTF-16 code units). */
const MANIFEST_ENTRY_MEMBERS = ['id', 'resourceType', 'sha256', 'versionId'];

/** The header's `counts`: records per resource type. */
export function countByResourceType(manifest: readonly RecordRef[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { resourceType } of manifest) counts[resourceType] = (counts[resourceType] ?? 0) + 1;
  return counts;
}

export interface RecordListDifference {
  /** Sent but not named in the other list. */
  missing: RecordRef[];
  /** Named in the other list but never sent. */
  unexpected: RecordRef[];
  /** Named more than once in the other list. */
  repeated: RecordRef[];
}

/**
 * Compares the records that were sent with the records another document (a receipt) names.
 * Equal lists, in any order, give three empty arrays.
 */
export function diffRecordLists(
  sent: readonly RecordRef[],
  named: readonly RecordRef[],
): RecordListDifference {
  const sentKeys = new Set(sent.map(recordRefKey));
  const seen = new Set<string>();
  const difference: RecordListDifference = { missing: [], unexpected: [], repeated: [] };
  for (const ref of named) {
    const key = recordRefKey(ref);
    if (seen.has(key)) difference.repeated.push(pickRef(ref));
    else if (!sentKeys.has(key)) difference.unexpected.push(pickRef(ref));
    seen.add(key);
  }
  for (const ref of sent) if (!seen.has(recordRefKey(ref))) difference.missing.push(pickRef(ref));
  return difference;
}

function pickRef({ resourceType, id, versionId }: RecordRef): RecordRef {
  return { resourceType, id, versionId };
}
