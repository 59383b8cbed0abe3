import {
  createCipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hash,
  randomBytes,
  sign,
  webcrypto,
} from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { compactDecrypt, errors, flattenedVerify, importJWK } from 'jose';
import { z } from 'zod';
import {
  BUNDLE_CONTENT_TYPE,
  BUNDLE_JWS_TYPE,
  MAX_BUNDLE_FILE_BYTES,
  MAX_PLAINTEXT_BYTES,
  bundleEncryptionHeaderSchema,
  bundleHeaderSchema,
  bundleSignatureHeaderSchema,
  sameBundleHeader,
  type BundleHeader,
  type BundleHeaderFields,
  type BundleSignatureHeader,
  type SignerRole,
} from '../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import type {
  EnrolledSigningKey,
  Ed25519PrivateJwk,
  X25519PrivateJwk,
  X25519PublicJwk,
} from '../../src-shared/sync/enrollment';
import {
  countByResourceType,
  recordManifest,
  recordManifestSha256,
  type EnvelopeFhirBundle,
  type RecordManifestEntry,
} from '../../src-shared/sync/record-manifest';
import { SyncError } from '../../src-shared/sync/sync-errors';
import { keyId } from './keys';

/**
 * The sync bundle envelope (docs/sync-protocol.md): the canonical JSON of a FHIR Bundle,
 * compressed and encrypted to the city store's X25519 key (JWE compact, ECDH-ES, A256GCM,
 * zip DEF), then signed by the station's and the exporting supervisor's Ed25519 keys (JWS
 * General JSON serialization, EdDSA). Only JOSE and FHIR: anyone can check a bundle with a
 * standard library, or with openssl and a few lines of code.
 */

/** SHA-256 of text (as UTF-8) or bytes, 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

export interface SealBundleInput {
  /** The FHIR R4 Bundle; every entry `urn:uuid:<id>` with `meta.versionId`. */
  fhirBundle: EnvelopeFhirBundle;
  header: BundleHeaderFields;
  /** The city's current encryption key (`currentCityEncryptionKey`). */
  cityEncryptionKey: { kid: string; jwk: X25519PublicJwk };
  stationKey: Ed25519PrivateJwk;
  supervisorKey: Ed25519PrivateJwk;
}

export interface SealedBundle {
  /** The bundle file: JWS General JSON serialization, UTF-8 (all ASCII). */
  fileText: string;
  /** SHA-256 (hex) of the JWE compact serialization: the next bundle's previousBundleHash. */
  bundleHash: string;
  header: BundleHeader;
  /** What the receipt will be checked against; keep it with the bundle. */
  manifest: RecordManifestEntry[];
}

/**
 * What a bundle carries, before any key is involved (docs/sync-protocol.md §3.1 steps 1–2):
 * the record manifest, and the plaintext as its SHA-256 and its compressed bytes.
 */
export interface BundleContent {
  manifest: RecordManifestEntry[];
  /** SHA-256 (hex) of the plaintext, the UTF-8 of the FHIR Bundle's canonical JSON. */
  plaintextSha256: string;
  /** The plaintext, raw-DEFLATE-compressed as the JWE's `zip: "DEF"` announces. */
  compressed: Uint8Array;
}

export type SealContentInput = Omit<SealBundleInput, 'fhirBundle'>;

const deflateRawOnThreadPool = promisify(deflateRaw);

/**
 * Largest output buffer of one compression step. Each full buffer costs a round trip through
 * the event loop; at 4 MiB a default part (8 MiB of plaintext) compresses in one step. A small
 * plaintext gets a buffer of its own size (raw DEFLATE adds a few bytes at most).
 */
const COMPRESSED_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A bundle's content from its plaintext: compressed (raw DEFLATE, RFC 1951, as JWE `zip: DEF`
 * defines it in RFC 7516 §4.1.3) and hashed, both on libuv's thread pool, so that the
 * caller's thread goes on with other work meanwhile (an export maps the next part's records).
 * The size is checked at once. The plaintext is read until the promise settles.
 */
export function startBundleContent(
  plaintext: Uint8Array,
  manifest: RecordManifestEntry[],
): Promise<BundleContent> {
  if (plaintext.byteLength > MAX_PLAINTEXT_BYTES) {
    throw new SyncError(
      'BUNDLE_TOO_LARGE',
      `The bundle's plaintext is ${plaintext.byteLength} bytes; at most ${MAX_PLAINTEXT_BYTES} are allowed (split it with splitIntoParts).`,
    );
  }
  return Promise.all([
    deflateRawOnThreadPool(plaintext, {
      chunkSize: Math.min(COMPRESSED_CHUNK_BYTES, plaintext.byteLength + 1024),
    }),
    webcrypto.subtle.digest('SHA-256', plaintext),
  ]).then(([compressed, digest]) => ({
    manifest,
    plaintextSha256: Buffer.from(digest).toString('hex'),
    compressed,
  }));
}

/** Encrypts and signs one bundle. */
export async function sealBundle(input: SealBundleInput): Promise<SealedBundle> {
  const { fhirBundle, ...keysAndHeader } = input;
  // Each resource is serialised once: for its hash in the manifest, then reused verbatim in
  // the bundle's canonical text (the same bytes the receiver hashes again).
  const canonicalForms = new WeakMap<object, string>();
  const manifest = recordManifest(fhirBundle, sha256Hex, canonicalForms);
  const plaintext = Buffer.from(canonicalJson(fhirBundle, canonicalForms), 'utf8');
  return sealContent(await startBundleContent(plaintext, manifest), keysAndHeader);
}

/** Encrypts and signs content whose manifest and plaintext are already made. */
async function sealContent(content: BundleContent, input: SealContentInput): Promise<SealedBundle> {
  return signEncryptedContent(await encryptContent(content, input.cityEncryptionKey), input);
}

/**
 * Content encrypted to the city: the JWE a bundle carries, and its hash, which the next
 * bundle's header names as previousBundleHash (docs/sync-protocol.md, "Chain rules").
 */
export interface EncryptedContent extends BundleContent {
  jwe: string;
  bundleHash: string;
}

/**
 * The first half of sealing. The JWE does not depend on the header, so an export knows each
 * bundle's hash, and with it the next bundle's place in the chain, before any signature.
 */
export async function encryptContent(
  content: BundleContent,
  cityEncryptionKey: SealContentInput['cityEncryptionKey'],
): Promise<EncryptedContent> {
  if ((await keyId(cityEncryptionKey.jwk)) !== cityEncryptionKey.kid) {
    throw new SyncError('KEY_INVALID', 'The city encryption key does not match its kid.');
  }
  const jwe = encryptToCity(content.compressed, cityEncryptionKey);
  return { ...content, jwe, bundleHash: sha256Hex(jwe) };
}

/** The second half of sealing: the header, and both signatures over it and the JWE. */
export async function signEncryptedContent(
  encrypted: EncryptedContent,
  input: Omit<SealContentInput, 'cityEncryptionKey'>,
): Promise<SealedBundle> {
  const { manifest, jwe } = encrypted;
  const parsedHeader = bundleHeaderSchema.safeParse({
    ...input.header,
    counts: countByResourceType(manifest),
    records: manifest.length,
    plaintextSha256: encrypted.plaintextSha256,
    recordManifestSha256: recordManifestSha256(manifest, sha256Hex),
  });
  if (!parsedHeader.success) {
    throw new SyncError(
      'BUNDLE_MALFORMED',
      `The bundle header is invalid: ${parsedHeader.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  const header = parsedHeader.data;
  const stationKid = await keyId(input.stationKey);
  const supervisorKid = await keyId(input.supervisorKey);
  if (stationKid === supervisorKid) {
    throw new SyncError('KEY_INVALID', 'The station and the supervisor must sign with two keys.');
  }

  // The JWS payload is BASE64URL(JWE compact); each signature covers its own protected
  // header and that payload (RFC 7515 §5.1, General JSON serialization §7.2.1).
  const payload = Buffer.from(jwe, 'latin1').toString('base64url');
  const payloadBytes = Buffer.from(payload, 'latin1');
  const signatures = await Promise.all([
    signPayload(payloadBytes, input.stationKey, { role: 'station', kid: stationKid, header }),
    signPayload(payloadBytes, input.supervisorKey, {
      role: 'supervisor',
      kid: supervisorKid,
      header,
    }),
  ]);
  const fileText = JSON.stringify({ payload, signatures });
  return { fileText, bundleHash: encrypted.bundleHash, header, manifest };
}

const toBase64url = (bytes: Uint8Array | string): string =>
  Buffer.from(bytes).toString('base64url');

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/**
 * The Concat KDF's input after Z for ECDH-ES in direct key agreement with A256GCM (RFC 7518
 * §4.6.2): AlgorithmID = the `enc` value with its 32-bit length, empty PartyUInfo and
 * PartyVInfo (no `apu`, `apv`), SuppPubInfo = the key length in bits. The counter comes
 * before Z; one SHA-256 round (counter 1) gives the whole 256-bit content key.
 */
const CONCAT_KDF_COUNTER = uint32(1);
const CONCAT_KDF_OTHER_INFO = Buffer.concat([
  uint32('A256GCM'.length),
  Buffer.from('A256GCM', 'ascii'),
  uint32(0),
  uint32(0),
  uint32(256),
]);

/**
 * JWE compact serialization (RFC 7516 §7.1) of compressed content, to the city's X25519 key
 * (RFC 8037 §3.2): a fresh ephemeral key and IV every time, the Concat KDF content key,
 * AES-256-GCM with the ASCII of the encoded protected header as additional data (RFC 7516
 * §5.1 step 14), and an empty JWE Encrypted Key (direct key agreement). The header's members
 * are those docs/sync-protocol.md §3.1 lists, in that order.
 */
function encryptToCity(
  compressed: Uint8Array,
  city: { kid: string; jwk: X25519PublicJwk },
): string {
  const ephemeral = generateKeyPairSync('x25519');
  const { x } = ephemeral.publicKey.export({ format: 'jwk' });
  const protectedHeader = toBase64url(
    JSON.stringify({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      zip: 'DEF',
      cty: BUNDLE_CONTENT_TYPE,
      kid: city.kid,
      epk: { x, crv: 'X25519', kty: 'OKP' },
    }),
  );
  const sharedSecret = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: createPublicKey({ key: city.jwk, format: 'jwk' }),
  });
  const contentKey = hash(
    'sha256',
    Buffer.concat([CONCAT_KDF_COUNTER, sharedSecret, CONCAT_KDF_OTHER_INFO]),
    'buffer',
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey, iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  return [
    protectedHeader,
    '',
    toBase64url(iv),
    toBase64url(ciphertext),
    toBase64url(cipher.getAuthTag()),
  ].join('.');
}

/**
 * One EdDSA (Ed25519, RFC 8037 §3.1) signature of the bundle, with its protected header
 * (§3.2). Ed25519 hashes the whole signing input twice (RFC 8032 §5.1.6), tens of megabytes
 * for a full part: it runs on libuv's thread pool, both signatures at once.
 */
async function signPayload(
  payload: Buffer,
  privateJwk: Ed25519PrivateJwk,
  signer: { role: SignerRole; kid: string; header: BundleHeader },
): Promise<{ protected: string; signature: string }> {
  const protectedHeader: BundleSignatureHeader = {
    alg: 'EdDSA',
    kid: signer.kid,
    typ: BUNDLE_JWS_TYPE,
    role: signer.role,
    whs: signer.header,
  };
  const encodedHeader = toBase64url(JSON.stringify(protectedHeader));
  // The JWS Signing Input: ASCII(BASE64URL(protected header) || '.' || BASE64URL(payload)).
  const signingInput = Buffer.concat([Buffer.from(`${encodedHeader}.`, 'ascii'), payload]);
  const signature = await signOnThreadPool(
    null,
    signingInput,
    createPrivateKey({ key: privateJwk, format: 'jwk' }),
  );
  return { protected: encodedHeader, signature: signature.toString('base64url') };
}

const signOnThreadPool = promisify(sign);

/* ------------------------------------------------------------------------------------------
 * Reading a bundle file.
 * ---------------------------------------------------------------------------------------- */

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const MAX_SIGNATURES = 8;

const bundleFileSchema = z
  .object({
    payload: base64url,
    signatures: z.array(z.object({ protected: base64url, signature: base64url }).strict()),
  })
  .strict();

interface ParsedSignature {
  protected: string;
  signature: string;
  header: BundleSignatureHeader;
}

interface ParsedBundleFile {
  payload: string;
  jwe: string;
  signatures: ParsedSignature[];
  encryptionKid: string;
  fileBytes: number;
  ciphertextBytes: number;
}

function malformed(message: string): SyncError {
  return new SyncError('BUNDLE_MALFORMED', message);
}

function decodeJsonSegment(segment: string): unknown {
  return JSON.parse(
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url')),
  );
}

/**
 * A bundle file cut short (a copy that stopped, a download that broke) is JSON that never
 * closes: an empty file, or text that ends inside a string or with an object or array still
 * open. Anything else that does not parse is simply not a bundle.
 */
function looksTruncated(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0) return true;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const character of trimmed) {
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{' || character === '[') depth += 1;
    else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth < 0) return false;
    }
  }
  return inString || depth > 0;
}

function parseBundleFile(fileText: string): ParsedBundleFile {
  const fileBytes = Buffer.byteLength(fileText, 'utf8');
  if (fileBytes > MAX_BUNDLE_FILE_BYTES) {
    throw new SyncError(
      'BUNDLE_TOO_LARGE',
      `The bundle file is ${fileBytes} bytes; at most ${MAX_BUNDLE_FILE_BYTES} are allowed.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    if (looksTruncated(fileText)) {
      throw new SyncError('BUNDLE_TRUNCATED', 'The bundle file ends before its JSON does.');
    }
    throw malformed('The bundle file is not JSON.');
  }
  const file = bundleFileSchema.safeParse(json);
  if (!file.success) {
    throw malformed(
      'The bundle file is not a JWS General JSON serialization { payload, signatures: [{ protected, signature }] }.',
    );
  }
  const { payload } = file.data;
  if (file.data.signatures.length === 0) {
    throw new SyncError('BUNDLE_SIGNATURE_MISSING', 'The bundle carries no signature.');
  }
  if (file.data.signatures.length > MAX_SIGNATURES) {
    throw malformed(`The bundle carries more than ${MAX_SIGNATURES} signatures.`);
  }
  const signatures = file.data.signatures.map((signature, index): ParsedSignature => {
    let header: unknown;
    try {
      header = decodeJsonSegment(signature.protected);
    } catch {
      throw malformed(`Signature ${index + 1}: its protected header is not base64url JSON.`);
    }
    const parsed = bundleSignatureHeaderSchema.safeParse(header);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw malformed(
        `Signature ${index + 1}: its protected header is invalid at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
      );
    }
    return { ...signature, header: parsed.data };
  });

  const jwe = Buffer.from(payload, 'base64url').toString('latin1');
  const segments = jwe.split('.');
  if (!/^[A-Za-z0-9_.-]+$/.test(jwe) || segments.length !== 5) {
    throw malformed('The signed payload is not a JWE compact serialization.');
  }
  const [protectedSegment, encryptedKey, iv, ciphertext, tag] = segments as [
    string,
    string,
    string,
    string,
    string,
  ];
  let encryptionHeader: unknown;
  try {
    encryptionHeader = decodeJsonSegment(protectedSegment);
  } catch {
    throw malformed('The JWE protected header is not base64url JSON.');
  }
  const encryption = bundleEncryptionHeaderSchema.safeParse(encryptionHeader);
  // ECDH-ES in direct key agreement mode has an empty encrypted key (RFC 7518 §4.6).
  if (!encryption.success || encryptedKey !== '' || !iv || !ciphertext || !tag) {
    throw malformed(
      'The JWE is not ECDH-ES / A256GCM / zip DEF to an X25519 key with cty application/fhir+json.',
    );
  }
  return {
    payload,
    jwe,
    signatures,
    encryptionKid: encryption.data.kid,
    fileBytes,
    ciphertextBytes: Buffer.from(ciphertext, 'base64url').length,
  };
}

/** The header all signatures agree on; BUNDLE_HEADER_MISMATCH when they do not. */
function agreedHeader(signatures: readonly ParsedSignature[]): BundleHeader {
  const [first, ...others] = signatures;
  if (first === undefined) throw new SyncError('BUNDLE_SIGNATURE_MISSING');
  for (const other of others) {
    if (!sameBundleHeader(first.header.whs, other.header.whs)) {
      throw new SyncError(
        'BUNDLE_HEADER_MISMATCH',
        `The ${first.header.role} and ${other.header.role} signatures carry different headers.`,
      );
    }
  }
  return first.header.whs;
}

export interface BundleInspection {
  header: BundleHeader;
  signatures: { role: SignerRole; kid: string }[];
  /** The city key the content is encrypted to (JWE `kid`). */
  encryptionKid: string;
  bundleHash: string;
  sizes: { fileBytes: number; payloadBytes: number; ciphertextBytes: number };
}

/**
 * What a bundle file says about itself, without checking a signature or decrypting: for
 * showing a file before sending it, and for a receiver to find the station's keys. Nothing
 * it returns is to be trusted before `verifyBundle`.
 */
export function inspectBundle(fileText: string): BundleInspection {
  const parsed = parseBundleFile(fileText);
  return {
    header: agreedHeader(parsed.signatures),
    signatures: parsed.signatures.map(({ header }) => ({ role: header.role, kid: header.kid })),
    encryptionKid: parsed.encryptionKid,
    bundleHash: sha256Hex(parsed.jwe),
    sizes: {
      fileBytes: parsed.fileBytes,
      payloadBytes: parsed.jwe.length,
      ciphertextBytes: parsed.ciphertextBytes,
    },
  };
}

export interface EnrolledKeys {
  stationKeys: readonly EnrolledSigningKey[];
  supervisorKeys: readonly EnrolledSigningKey[];
}

export interface VerifiedBundle {
  header: BundleHeader;
  bundleHash: string;
  stationKid: string;
  supervisorKid: string;
  encryptionKid: string;
}

/**
 * Checks both signatures of a bundle: exactly one by the station's key and one by one of its
 * supervisors' keys, both enrolled for the station the header names, both valid, and both
 * over the same header. Each signature is verified on its own (`flattenedVerify`):
 * `generalVerify` would accept a General JWS as soon as any one signature verifies.
 */
export async function verifyBundle(fileText: string, keys: EnrolledKeys): Promise<VerifiedBundle> {
  const parsed = parseBundleFile(fileText);
  const roles = parsed.signatures.map((s) => s.header.role).sort();
  if (roles.length !== 2 || roles[0] !== 'station' || roles[1] !== 'supervisor') {
    throw new SyncError(
      'BUNDLE_SIGNATURE_MISSING',
      `The bundle is signed by [${roles.join(', ')}]; it needs exactly one station and one supervisor signature.`,
    );
  }
  const [first, second] = parsed.signatures as [ParsedSignature, ParsedSignature];
  if (first.header.kid === second.header.kid) {
    throw new SyncError(
      'BUNDLE_SIGNATURE_MISSING',
      'Both signatures are made with the same key; the station and a supervisor must each sign.',
    );
  }
  const kids = new Map<SignerRole, string>();
  for (const signature of parsed.signatures) {
    const { role, kid, whs } = signature.header;
    const forStation = (key: EnrolledSigningKey) => key.stationCode === whs.stationCode;
    if (!keys.stationKeys.some(forStation) && !keys.supervisorKeys.some(forStation)) {
      throw new SyncError('STATION_UNKNOWN', `No key is enrolled for station ${whs.stationCode}.`, {
        stationCode: whs.stationCode,
      });
    }
    const enrolled = (role === 'station' ? keys.stationKeys : keys.supervisorKeys).find(
      (key) => key.kid === kid,
    );
    if (enrolled === undefined || enrolled.stationCode !== whs.stationCode) {
      throw new SyncError(
        'BUNDLE_SIGNER_UNKNOWN',
        `The ${role} signature is by key ${kid}, which is not enrolled as a ${role} key of station ${whs.stationCode}.`,
        { role, kid },
      );
    }
    try {
      await flattenedVerify(
        { protected: signature.protected, payload: parsed.payload, signature: signature.signature },
        await importJWK(enrolled.jwk, 'EdDSA'),
        { algorithms: ['EdDSA'] },
      );
    } catch {
      throw new SyncError(
        'BUNDLE_SIGNATURE_INVALID',
        `The ${role} signature does not verify: the bundle was changed after signing.`,
        { role, kid },
      );
    }
    kids.set(role, kid);
  }
  return {
    header: agreedHeader(parsed.signatures),
    bundleHash: sha256Hex(parsed.jwe),
    stationKid: kids.get('station')!,
    supervisorKid: kids.get('supervisor')!,
    encryptionKid: parsed.encryptionKid,
  };
}

export interface OpenedBundle {
  header: BundleHeader;
  bundleHash: string;
  fhirBundle: EnvelopeFhirBundle;
  manifest: RecordManifestEntry[];
  /** Each resource object of `fhirBundle` → its canonical JSON, as hashed for the manifest. */
  canonicalForms: WeakMap<object, string>;
}

/**
 * Decrypts a bundle and checks its content against the signed header: the plaintext's
 * SHA-256, then the record manifest's. It does not check signatures: call `verifyBundle`
 * first (the receiver's order: inspect → verify → chain → open).
 */
export async function openBundle(
  fileText: string,
  cityDecryptionKey: X25519PrivateJwk,
  options: { maxPlaintextBytes?: number } = {},
): Promise<OpenedBundle> {
  const parsed = parseBundleFile(fileText);
  const header = agreedHeader(parsed.signatures);
  const cityKid = await keyId(cityDecryptionKey);
  if (parsed.encryptionKid !== cityKid) {
    throw new SyncError(
      'BUNDLE_RECIPIENT_UNKNOWN',
      `The bundle is encrypted to city key ${parsed.encryptionKid}, not to ${cityKid}.`,
      { encryptionKid: parsed.encryptionKid },
    );
  }
  const limit = Math.min(options.maxPlaintextBytes ?? MAX_PLAINTEXT_BYTES, MAX_PLAINTEXT_BYTES);
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(
      parsed.jwe,
      await importJWK(cityDecryptionKey, 'ECDH-ES'),
      {
        keyManagementAlgorithms: ['ECDH-ES'],
        contentEncryptionAlgorithms: ['A256GCM'],
        maxDecompressedLength: limit,
      },
    ));
  } catch (error) {
    if (error instanceof errors.JWEInvalid && /exceeded/i.test(error.message)) {
      throw new SyncError(
        'BUNDLE_TOO_LARGE',
        `The bundle's content inflates beyond ${limit} bytes; it was not unpacked further.`,
      );
    }
    throw new SyncError(
      'BUNDLE_DECRYPT_FAILED',
      error instanceof errors.JWEDecryptionFailed
        ? 'The encrypted content fails its authentication tag: it was changed or damaged.'
        : `The encrypted content cannot be decrypted or unpacked (${String(error)}).`,
    );
  }
  if (sha256Hex(plaintext) !== header.plaintextSha256) {
    throw new SyncError(
      'BUNDLE_PLAINTEXT_HASH_MISMATCH',
      'The decrypted content is not the content the signatures speak of.',
    );
  }
  let fhirBundle: EnvelopeFhirBundle;
  try {
    fhirBundle = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(plaintext),
    ) as EnvelopeFhirBundle;
  } catch {
    throw malformed('The decrypted content is not UTF-8 JSON.');
  }
  const canonicalForms = new WeakMap<object, string>();
  const manifest = recordManifest(fhirBundle, sha256Hex, canonicalForms);
  if (
    recordManifestSha256(manifest, sha256Hex) !== header.recordManifestSha256 ||
    manifest.length !== header.records ||
    canonicalJson(countByResourceType(manifest)) !== canonicalJson(header.counts)
  ) {
    throw new SyncError(
      'BUNDLE_MANIFEST_MISMATCH',
      'The records in the bundle are not those its header lists.',
    );
  }
  return { header, bundleHash: sha256Hex(parsed.jwe), fhirBundle, manifest, canonicalForms };
}
