import { z } from 'zod';
import { MESSAGE_KEY } from './messages';

/** The longest backup accepted over IPC, as base64 (V8's longest string is about 512 MiB). */
export const BACKUP_BASE64_MAX = 500 * 1024 * 1024;
export const BACKUP_PASSPHRASE_MIN = 12;

const passphrase = z.string().min(1, MESSAGE_KEY.required).max(1024);
const backupBase64 = z.string().min(1, MESSAGE_KEY.required).max(BACKUP_BASE64_MAX);

export const backupCreateSchema = z
  .object({
    passphrase: z.string().min(BACKUP_PASSPHRASE_MIN).max(1024),
    confirmation: z.string(),
  })
  .strict()
  // The key is derived from the NFC form (src-main/backup/backup-file.ts): compare it so.
  .refine((c) => c.passphrase.normalize('NFC') === c.confirmation.normalize('NFC'), {
    path: ['confirmation'],
    message: 'validation.backup.confirmation',
  });

export const backupFileSchema = z.object({
  fileName: z.string(),
  /** The encrypted backup file; the station keeps no copy. */
  base64: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});

export const backupInspectSchema = z.object({ base64: backupBase64 }).strict();

/** What a backup's header says, readable without the passphrase (no personal data). */
export const backupInfoSchema = z.object({
  format: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  station: z.object({ communeCode: z.string(), facilityCode: z.string(), name: z.string() }),
  createdAt: z.string(),
  counts: z.object({ residents: z.number().int(), declarations: z.number().int() }),
  sizeBytes: z.number().int(),
  /** False when the backup comes from a newer app: it cannot be restored here. */
  restorable: z.boolean(),
});

export const backupRestoreSchema = z.object({ base64: backupBase64, passphrase }).strict();

export const backupRestoredSchema = z.object({
  createdAt: z.string(),
  counts: z.object({ residents: z.number().int(), declarations: z.number().int() }),
  /** Always true: the session ended; sign in with the restored accounts. */
  signedOut: z.literal(true),
});

export type BackupInfo = z.output<typeof backupInfoSchema>;
