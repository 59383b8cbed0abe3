import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { RESOURCE_TYPE, sha256HexSchema } from './record-manifest';
import { SyncError } from './sync-errors';

/** JWS `typ` of a bundle file and of a receipt file (RFC 7515 §4.1.9, RFC 8725 §3.11). */
export const BUNDLE_JWS_TYPE = 'whs-bundle+jws';
export const RECEIPT_JWS_TYPE = 'whs-receipt+jws';
/** Media type of a bundle or receipt file: JWS JSON serialization (RFC 7515 §9.2.2). */
export const SYNC_FILE_MEDIA_TYPE = 'application/jose+json';
/** JWE `cty` of the encrypted content: a FHIR R4 Bundle as JSON. */
export const BUNDLE_CONTENT_TYPE = 'application/fhir+json';

/**
 * Hard ceiling on a bundle's decompressed plaintext. The receiver refuses to inflate beyond
 * it, so a small file cannot expand into an unbounded amount of memory ("zip bomb").
 */
export const MAX_PLAINTEXT_BYTES = 200 * 1024 * 1024;
/**
 * Hard ceiling on a bundle file. The plaintext is deflated, encrypted and base64url-encoded
 * twice (JWE, then JWS payload), which is at most (4/3)² ≈ 1.78 times the plaintext when
 * nothing compresses.
 */
export const MAX_BUNDLE_FILE_BYTES = 384 * 1024 * 1024;
/** Default bound on one part of an export set: small enough for e-mail and slow links. */
export const DEFAULT_PART_PLAINTEXT_BYTES = 8 * 1024 * 1024;

/** Station codes are assigned by the city: ASCII capitals, digits and hyphens. */
export const STATION_CODE = /^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$/;
export const stationCodeSchema = z.string().regex(STATION_CODE);

/** RFC 7638 JWK thumbprint with SHA-256, base64url without padding: 43 characters. */
export const KEY_ID = /^[A-Za-z0-9_-]{43}$/;
export const keyIdSchema = z.string().regex(KEY_ID);

/**
 * The `whs` member of both signatures' protected headers: what the bundle is, in clear, so
 * the receiver can route, order and account for it before decrypting anything.
 */
export const bundleHeaderSchema = z
  .object({
    bundleId: z.uuid({ version: 'v7' }),
    exportSetId: z.uuid({ version: 'v7' }),
    /** 1-based index of this bundle within its export set. */
    part: z.number().int().min(1),
    parts: z.number().int().min(1).max(10_000),
    stationCode: stationCodeSchema,
    /** Per-station sequence number: 1 for the first bundle, then one more each bundle. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    createdAt: z.iso.datetime(),
    counts: z.record(z.string().regex(RESOURCE_TYPE), z.number().int().min(1)),
    records: z.number().int().min(0),
    /** SHA-256 (hex) of the plaintext: the canonical JSON of the FHIR Bundle, UTF-8. */
    plaintextSha256: sha256HexSchema,
    /** `bundleHash` of the station's previous bundle; null for sequence 1. */
    previousBundleHash: sha256HexSchema.nullable(),
    /** SHA-256 (hex) of the canonical JSON of the record manifest. */
    recordManifestSha256: sha256HexSchema,
  })
  .strict()
  .refine((h) => h.part <= h.parts, { path: ['part'], message: 'part is beyond parts' })
  .refine((h) => (h.sequence === 1) === (h.previousBundleHash === null), {
    path: ['previousBundleHash'],
    message: 'previousBundleHash is null exactly when sequence is 1',
  })
  .refine((h) => Object.values(h.counts).reduce((sum, n) => sum + n, 0) === h.records, {
    path: ['records'],
    message: 'records is not the sum of counts',
  });
export type BundleHeader = z.output<typeof bundleHeaderSchema>;

export const SIGNER_ROLES = ['station', 'supervisor'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** Protected header of each bundle signature. Nothing else is allowed in it (no `crit`, no `b64`). */
export const bundleSignatureHeaderSchema = z
  .object({
    alg: z.literal('EdDSA'),
    kid: keyIdSchema,
    typ: z.literal(BUNDLE_JWS_TYPE),
    role: z.enum(SIGNER_ROLES),
    whs: bundleHeaderSchema,
  })
  .strict();
export type BundleSignatureHeader = z.output<typeof bundleSignatureHeaderSchema>;

const x25519PublicPoint = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** Protected header of the JWE inside a bundle (RFC 7516, RFC 7518 §4.6, RFC 8037 §3.2). */
export const bundleEncryptionHeaderSchema = z
  .object({
    alg: z.literal('ECDH-ES'),
    enc: z.literal('A256GCM'),
    zip: z.literal('DEF'),
    cty: z.literal(BUNDLE_CONTENT_TYPE),
    /** Thumbprint of the city encryption key the bundle is encrypted to. */
    kid: keyIdSchema,
    epk: z
      .object({ kty: z.literal('OKP'), crv: z.literal('X25519'), x: x25519PublicPoint })
      .strict(),
  })
  .strict();
export type BundleEncryptionHeader = z.output<typeof bundleEncryptionHeaderSchema>;

/**
 * The fields of a header that differ from bundle to bundle and are chosen by the exporter;
 * the rest (counts, records, hashes) are computed from the content when sealing.
 */
export type BundleHeaderFields = Pick<
  BundleHeader,
  | 'bundleId'
  | 'exportSetId'
  | 'part'
  | 'parts'
  | 'stationCode'
  | 'sequence'
  | 'createdAt'
  | 'previousBundleHash'
>;

/** True when two headers say exactly the same thing (key order does not matter). */
export function sameBundleHeader(a: BundleHeader, b: BundleHeader): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Number of UTF-8 bytes of a string, counted from its code points. Shared code has no
 * TextEncoder type (no DOM, no Node), and a lone surrogate counts as U+FFFD's 3 bytes,
 * which is what an encoder writes for it.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Room left in every part for what wraps the resources: the Bundle's own members, and per
 * entry its `fullUrl` (46 bytes), a `request` (method and URL, about 70 bytes) and JSON
 * punctuation. Generous on purpose: the bound a part keeps is the caller's, not ours.
 */
export const BUNDLE_WRAPPER_BYTES = 4 * 1024;
export const ENTRY_WRAPPER_BYTES = 256;

/**
 * Splits resources into parts whose Bundle plaintext stays within `maxPlaintextBytes`,
 * keeping each resource whole and the caller's order (so that, for example, a Patient stays
 * before the Observations that refer to it). Each resource counts as its canonical JSON
 * plus ENTRY_WRAPPER_BYTES; each part reserves BUNDLE_WRAPPER_BYTES. A resource that cannot
 * fit in a part on its own is refused with BUNDLE_TOO_LARGE. No resources, no parts.
 */
export function splitIntoParts<T>(resources: readonly T[], maxPlaintextBytes: number): T[][] {
  const budget = Math.min(maxPlaintextBytes, MAX_PLAINTEXT_BYTES) - BUNDLE_WRAPPER_BYTES;
  if (!Number.isSafeInteger(maxPlaintextBytes) || budget <= ENTRY_WRAPPER_BYTES) {
    throw new RangeError(
      `maxPlaintextBytes must be an integer above ${BUNDLE_WRAPPER_BYTES + ENTRY_WRAPPER_BYTES}.`,
    );
  }
  const parts: T[][] = [];
  let current: T[] = [];
  let used = 0;
  resources.forEach((resource, index) => {
    const size = utf8ByteLength(canonicalJson(resource)) + ENTRY_WRAPPER_BYTES;
    if (size > budget) {
      throw new SyncError(
        'BUNDLE_TOO_LARGE',
        `Resource ${index} takes ${size} bytes, more than a part may hold (${budget}).`,
        { index, bytes: size, budget },
      );
    }
    if (used + size > budget) {
      parts.push(current);
      current = [];
      used = 0;
    }
    current.push(resource);
    used += size;
  });
  if (current.length > 0) parts.push(current);
  return parts;
}
