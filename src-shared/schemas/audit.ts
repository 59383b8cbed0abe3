import { z } from 'zod';

/** A row of the station's audit trail as it crosses the IPC boundary (no health data in clear). */
export const auditRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
