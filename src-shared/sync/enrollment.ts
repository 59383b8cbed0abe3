import { z } from 'zod';
import { isHcmcCommune } from '../reference/admin-units';
import { FACILITY_CODE_PATTERN, USERNAME_PATTERN } from '../schemas/station';
import { keyIdSchema, stationCodeSchema } from './bundle-header';

/* ------------------------------------------------------------------------------------------
 * Key formats: JWK (RFC 7517) for OKP keys (RFC 8037). Ed25519 signs (station, supervisors,
 * the city's receipts); X25519 receives bundles (the city). `x` and `d` are 32 bytes each,
 * base64url without padding: 43 characters.
 * ---------------------------------------------------------------------------------------- */

const okpCoordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * A public OKP key of one curve. Other JWK members (kid, use, alg, key_ops) are dropped, so
 * that the stored key is exactly what its thumbprint covers; a private part (`d`) is refused
 * rather than dropped, because a private key pasted where a public one belongs is a mistake
 * someone must hear about.
 */
function okpPublicJwk<C extends 'Ed25519' | 'X25519'>(crv: C) {
  return z
    .looseObject({ kty: z.literal('OKP'), crv: z.literal(crv), x: okpCoordinate })
    .refine((jwk) => !('d' in jwk), { message: 'a public key must not contain "d"' })
    .transform(({ kty, crv: curve, x }) => ({ kty, crv: curve, x }));
}

function okpPrivateJwk<C extends 'Ed25519' | 'X25519'>(crv: C) {
  return z
    .looseObject({
      kty: z.literal('OKP'),
      crv: z.literal(crv),
      x: okpCoordinate,
      d: okpCoordinate,
    })
    .transform(({ kty, crv: curve, x, d }) => ({ kty, crv: curve, x, d }));
}

export const ed25519PublicJwkSchema = okpPublicJwk('Ed25519');
export const ed25519PrivateJwkSchema = okpPrivateJwk('Ed25519');
export const x25519PublicJwkSchema = okpPublicJwk('X25519');
export const x25519PrivateJwkSchema = okpPrivateJwk('X25519');
export type Ed25519PublicJwk = z.output<typeof ed25519PublicJwkSchema>;
export type Ed25519PrivateJwk = z.output<typeof ed25519PrivateJwkSchema>;
export type X25519PublicJwk = z.output<typeof x25519PublicJwkSchema>;
export type X25519PrivateJwk = z.output<typeof x25519PrivateJwkSchema>;

/* ------------------------------------------------------------------------------------------
 * Fingerprints. The key id (`kid`) is the RFC 7638 JWK thumbprint: SHA-256 over the
 * canonical {crv, kty, x}, base64url. People compare the same 32 bytes read aloud as
 * hexadecimal: 16 groups of 4 capitals ("1F3A 09BC …"), which survive a telephone line
 * better than base64url's mixed case.
 * ---------------------------------------------------------------------------------------- */

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The bytes of an unpadded base64url string (RFC 4648 §5), or null when it is not one. */
export function base64urlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const character of text) {
    buffer = (buffer << 6) | BASE64URL_ALPHABET.indexOf(character);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index] = (buffer >> bits) & 0xff;
      index += 1;
    }
  }
  return bytes;
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The readable form of a key id: "1F3A 09BC … 77E0" (16 groups of 4 hexadecimal digits). */
export function readableFingerprint(kid: string): string {
  const bytes = keyIdSchema.safeParse(kid).success ? base64urlToBytes(kid) : null;
  if (bytes === null || bytes.length !== 32) {
    throw new TypeError('A key id is 43 base64url characters (an RFC 7638 SHA-256 thumbprint).');
  }
  return bytesToHex(bytes).toUpperCase().match(/.{4}/g)?.join(' ') ?? '';
}

/**
 * What someone typed or pasted as a fingerprint, reduced to 64 lowercase hex digits: either
 * the readable form in any case and grouping (spaces, colons, hyphens, dots) or the key id
 * itself. Null when it is neither.
 */
export function normalizeFingerprint(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/\s+/g, '');
  if (keyIdSchema.safeParse(compact).success) {
    const bytes = base64urlToBytes(compact);
    return bytes === null ? null : bytesToHex(bytes);
  }
  const hex = compact.replace(/[:.-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** True when `typed` names the same thumbprint as `kid`. */
export function fingerprintMatches(kid: string, typed: string): boolean {
  const expected = normalizeFingerprint(kid);
  return expected !== null && normalizeFingerprint(typed) === expected;
}

/* ------------------------------------------------------------------------------------------
 * Enrollment file: what a station hands to the city so the city can register its public
 * keys. Not secret; its authenticity comes from the fingerprints read aloud over the phone
 * (or compared on paper) when the city registers it.
 * ---------------------------------------------------------------------------------------- */

export const ENROLLMENT_FORMAT = 'ward-health-station/enrollment@1';

const enrolledKeySchema = z
  .object({
    kid: keyIdSchema,
    fingerprint: z.string(),
    jwk: ed25519PublicJwkSchema,
  })
  .strict()
  .refine((key) => normalizeFingerprint(key.fingerprint) === normalizeFingerprint(key.kid), {
    path: ['fingerprint'],
    message: 'fingerprint is not the readable form of kid',
  });

export const enrollmentSchema = z
  .object({
    format: z.literal(ENROLLMENT_FORMAT),
    station: z
      .object({
        stationCode: stationCodeSchema,
        communeCode: z
          .string()
          .regex(/^\d{5}$/)
          .refine(isHcmcCommune, 'not a commune of HCMC'),
        facilityCode: z.string().regex(FACILITY_CODE_PATTERN),
        name: z.string().min(1).max(120),
      })
      .strict(),
    createdAt: z.iso.datetime(),
    stationKey: enrolledKeySchema,
    supervisorKeys: z
      .array(
        z
          .object({
            username: z.string().regex(USERNAME_PATTERN),
            fullName: z.string().min(1).max(100),
            key: enrolledKeySchema,
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict()
  .refine(
    (e) => {
      const kids = [e.stationKey.kid, ...e.supervisorKeys.map((s) => s.key.kid)];
      return new Set(kids).size === kids.length;
    },
    { path: ['supervisorKeys'], message: 'every key must be different' },
  );
export type Enrollment = z.output<typeof enrollmentSchema>;

export interface EnrollmentInput {
  station: Enrollment['station'];
  createdAt: string;
  /** Public key and its thumbprint (src-main/sync/keys.ts `keyId`). */
  stationKey: { kid: string; jwk: Ed25519PublicJwk };
  supervisorKeys: { username: string; fullName: string; kid: string; jwk: Ed25519PublicJwk }[];
}

/**
 * Builds the enrollment file's content; throws a ZodError naming the field when anything is
 * out of shape. Key ids are computed by the caller (SHA-256 is main-side); the city checks
 * them again when it registers the file.
 */
export function buildEnrollment(input: EnrollmentInput): Enrollment {
  const enrolled = ({ kid, jwk }: { kid: string; jwk: Ed25519PublicJwk }) => ({
    kid,
    fingerprint: readableFingerprint(kid),
    jwk,
  });
  return enrollmentSchema.parse({
    format: ENROLLMENT_FORMAT,
    station: {
      ...input.station,
      name: input.station.name.normalize('NFC'),
    },
    createdAt: input.createdAt,
    stationKey: enrolled(input.stationKey),
    supervisorKeys: input.supervisorKeys.map(({ username, fullName, kid, jwk }) => ({
      username,
      fullName: fullName.normalize('NFC'),
      key: enrolled({ kid, jwk }),
    })),
  });
}

/** A registered public signing key, as the receiver looks it up when it verifies a bundle. */
export interface EnrolledSigningKey {
  kid: string;
  jwk: Ed25519PublicJwk;
  /** The station the key signs for: a key of station A never vouches for station B. */
  stationCode: string;
}

/** The keys a registered enrollment vouches for, split by the role they sign in. */
export function enrolledKeysOf(enrollment: Enrollment): {
  stationKeys: EnrolledSigningKey[];
  supervisorKeys: EnrolledSigningKey[];
} {
  const { stationCode } = enrollment.station;
  return {
    stationKeys: [{ kid: enrollment.stationKey.kid, jwk: enrollment.stationKey.jwk, stationCode }],
    supervisorKeys: enrollment.supervisorKeys.map(({ key }) => ({
      kid: key.kid,
      jwk: key.jwk,
      stationCode,
    })),
  };
}
