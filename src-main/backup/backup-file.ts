import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AppFailure } from '../../src-shared/ipc/errors';

/**
 * The portable, encrypted backup file (`.whsbackup`), format `ward-health-station/backup@1`:
 *
 *     "WHSBAK01" (8 bytes) | header length (4 bytes, big-endian) | header (UTF-8 JSON)
 *     | AES-256-GCM ciphertext of the gzipped plain SQLite image | GCM tag (16 bytes)
 *
 * The key is scrypt(passphrase, salt, N = 2^15, r = 8, p = 1), 32 bytes; the salt and the
 * 96-bit nonce are in the header. The magic, the length and the header are the additional
 * authenticated data: a changed header, a flipped byte anywhere or a wrong passphrase all
 * fail the tag check, and nothing is decompressed or written before it passes. The header
 * holds no personal data: versions, the station's codes, counts, the KDF parameters.
 */
export const BACKUP_FORMAT = 'ward-health-station/backup@1';
export const BACKUP_EXTENSION = 'whsbackup';
export const BACKUP_MIME_TYPE = 'application/octet-stream';

const MAGIC = Buffer.from('WHSBAK01', 'latin1');
const TAG_BYTES = 16;
const NONCE_BYTES = 12;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_HEADER_BYTES = 16 * 1024;
/** Decompressed images larger than this are refused (a station database is far smaller). */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export const KDF_PARAMS = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyBytes: KEY_BYTES } as const;

export const backupHeaderSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    appVersion: z.string().max(64),
    schemaVersion: z.number().int().min(1),
    station: z.object({
      communeCode: z.string().max(16),
      facilityCode: z.string().max(16),
      name: z.string().max(200),
    }),
    createdAt: z.string().max(40),
    counts: z.object({
      residents: z.number().int().min(0),
      declarations: z.number().int().min(0),
    }),
    imageBytes: z.number().int().min(0),
    kdf: z.object({
      name: z.literal('scrypt'),
      N: z
        .number()
        .int()
        .min(2 ** 14)
        .max(2 ** 20),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
      keyBytes: z.literal(KEY_BYTES),
      salt: z.base64(),
    }),
    cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: z.base64() }),
  })
  .strict();
export type BackupHeader = z.output<typeof backupHeaderSchema>;
export type BackupHeaderInput = Omit<BackupHeader, 'format' | 'kdf' | 'cipher' | 'imageBytes'>;

export class BackupInvalidError extends AppFailure {
  constructor(message: string) {
    super('BACKUP_INVALID', message);
    this.name = 'BackupInvalidError';
  }
}

function deriveKey(passphrase: string, salt: Buffer, kdf: BackupHeader['kdf']): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      kdf.keyBytes,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Encrypts a plain SQLite image into a backup file. */
export async function encodeBackup(
  info: BackupHeaderInput,
  image: Buffer,
  passphrase: string,
): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    ...info,
    imageBytes: image.length,
    kdf: { ...KDF_PARAMS, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const prefix = Buffer.concat([MAGIC, length, headerBytes]);
  const key = await deriveKey(passphrase, salt, header.kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(prefix);
    const body = Buffer.concat([cipher.update(gzipSync(image)), cipher.final()]);
    return Buffer.concat([prefix, body, cipher.getAuthTag()]);
  } finally {
    key.fill(0);
  }
}

/** The header and where the ciphertext starts; checks the structure only (no passphrase). */
export function readBackupHeader(file: Buffer): {
  header: BackupHeader;
  prefix: Buffer;
  body: Buffer;
  tag: Buffer;
} {
  if (file.length < MAGIC.length + 4 + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupInvalidError('This is not a Ward Health Station backup file.');
  }
  const headerLength = file.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerLength > MAX_HEADER_BYTES || headerEnd + TAG_BYTES > file.length) {
    throw new BackupInvalidError('The backup file is damaged (its header is cut off).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.subarray(MAGIC.length + 4, headerEnd).toString('utf8'));
  } catch {
    throw new BackupInvalidError('The backup file is damaged (its header is not readable).');
  }
  const header = backupHeaderSchema.safeParse(parsed);
  if (!header.success) {
    throw new BackupInvalidError('The backup file is damaged or of an unknown format.');
  }
  return {
    header: header.data,
    prefix: file.subarray(0, headerEnd),
    body: file.subarray(headerEnd, file.length - TAG_BYTES),
    tag: file.subarray(file.length - TAG_BYTES),
  };
}

/**
 * Decrypts a backup file into its header and plain SQLite image (in memory). A wrong
 * passphrase, a changed header and a changed byte all end in BackupInvalidError.
 */
export async function decodeBackup(
  file: Buffer,
  passphrase: string,
): Promise<{ header: BackupHeader; image: Buffer }> {
  const { header, prefix, body, tag } = readBackupHeader(file);
  const key = await deriveKey(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  let compressed: Buffer;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      Buffer.from(header.cipher.nonce, 'base64'),
    );
    decipher.setAAD(prefix);
    decipher.setAuthTag(tag);
    compressed = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new BackupInvalidError(
      'The backup cannot be opened: the passphrase is wrong, or the file was changed or damaged.',
    );
  } finally {
    key.fill(0);
  }
  let image: Buffer;
  try {
    image = gunzipSync(compressed, { maxOutputLength: MAX_IMAGE_BYTES });
  } catch {
    throw new BackupInvalidError('The backup file is damaged (its content does not unpack).');
  }
  if (image.length !== header.imageBytes) {
    throw new BackupInvalidError('The backup file is damaged (its content has the wrong size).');
  }
  return { header, image };
}
