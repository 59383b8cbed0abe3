import { z } from 'zod';
import type { Role } from '../domain/roles';
import { recordId } from '../schemas/primitives';
import { residentSummarySchema } from '../schemas/resident';
import { spec } from './spec';

/**
 * Sync is the supervisors' work: they export and sign the station's bundles with their own
 * key (docs/sync-protocol.md). Administrators configure it (the city's keys, its address) and
 * follow it; health workers and school nurses never see it.
 */
const SYNC_FOLLOWERS: readonly Role[] = ['supervisor', 'administrator'];
const SYNC_EXPORTERS: readonly Role[] = ['supervisor'];
const SYNC_CONFIGURERS: readonly Role[] = ['administrator'];

export const BUNDLE_STATES = ['exported', 'uploaded', 'receipted', 'partlyRejected'] as const;
export const OUTBOX_KINDS = [
  'resident',
  'declaration',
  'elderly_screening',
  'school_screening',
] as const;

const cityKeyInfoSchema = z.object({
  kid: z.string(),
  use: z.enum(['bundle-encryption', 'receipt-signing']),
  /** Grouped hex for reading aloud (src-shared/sync/enrollment.ts readableFingerprint). */
  fingerprint: z.string(),
  validFrom: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
});

const selectionSchema = z
  .object({
    /** Changes recorded on or after / before these days (Vietnam time); null: no bound. */
    from: z.iso.date().nullable().default(null),
    to: z.iso.date().nullable().default(null),
    kinds: z
      .array(z.enum(OUTBOX_KINDS))
      .min(1)
      .default([...OUTBOX_KINDS]),
  })
  .strict();

export const bundleSummarySchema = z.object({
  id: recordId,
  exportSetId: z.string(),
  part: z.number().int(),
  parts: z.number().int(),
  sequence: z.number().int(),
  fileName: z.string(),
  records: z.number().int(),
  bytes: z.number().int(),
  state: z.enum(BUNDLE_STATES),
  createdAt: z.string(),
  createdBy: z.string(),
  uploadedAt: z.string().nullable(),
  receiptedAt: z.string().nullable(),
  counts: z.object({
    accepted: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
    pending: z.number().int(),
  }),
});

const exportJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Records (FHIR resources) prepared so far, of the total selected. */
  records: z.number().int(),
  totalRecords: z.number().int(),
  bytes: z.number().int(),
  bundles: z.array(bundleSummarySchema),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const syncContract = {
  'sync.status': spec(
    z.object({}).strict(),
    z.object({
      stationCode: z.string(),
      stationKey: z.object({ kid: z.string(), fingerprint: z.string() }).nullable(),
      /** The signed-in supervisor's own key (null for an administrator or before set-up). */
      supervisorKey: z.object({ kid: z.string(), fingerprint: z.string() }).nullable(),
      cityKeys: z.array(cityKeyInfoSchema),
      cityStoreUrl: z.string(),
      pending: z.object({
        total: z.number().int(),
        byKind: z.record(z.string(), z.number().int()),
        /** Held back: the resident withdrew consent to city sharing (Law 91/2025). */
        heldForConsent: z.number().int(),
      }),
      awaitingReceipt: z.number().int(),
      rejected: z.number().int(),
    }),
    SYNC_FOLLOWERS,
  ),
  'sync.setUpSupervisorKey': spec(
    z.object({ password: z.string().min(1).max(128) }).strict(),
    z.object({ kid: z.string(), fingerprint: z.string() }),
    SYNC_EXPORTERS,
  ),
  'sync.enrollment': spec(
    z.object({}).strict(),
    z.object({ fileName: z.string(), text: z.string() }),
    SYNC_FOLLOWERS,
  ),
  'sync.importCityKey': spec(
    z
      .object({
        /** The city's key file: one JWK or a JWK Set. */
        text: z.string().min(1).max(100_000),
        /** As read out by the city, checked against the key's RFC 7638 thumbprint. */
        confirmedFingerprint: z.string().min(1).max(200),
        validFrom: z.iso.date().nullable().default(null),
      })
      .strict(),
    z.array(cityKeyInfoSchema),
    SYNC_CONFIGURERS,
  ),
  'sync.configure': spec(
    z.object({ cityStoreUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]) }).strict(),
    z.object({ cityStoreUrl: z.string() }),
    SYNC_CONFIGURERS,
  ),
  'sync.startExport': spec(
    z.object({ password: z.string().min(1).max(128), selection: selectionSchema }).strict(),
    exportJobSchema,
    SYNC_EXPORTERS,
  ),
  'sync.exportProgress': spec(
    z.object({ jobId: z.string() }).strict(),
    exportJobSchema,
    SYNC_EXPORTERS,
  ),
  'sync.cancelExport': spec(
    z.object({ jobId: z.string() }).strict(),
    exportJobSchema,
    SYNC_EXPORTERS,
  ),
  'sync.bundleFile': spec(
    z.object({ bundleId: recordId }).strict(),
    z.object({
      fileName: z.string(),
      mimeType: z.literal('application/jose+json'),
      base64: z.string(),
    }),
    SYNC_FOLLOWERS,
  ),
  'sync.upload': spec(
    z.object({ bundleIds: z.array(recordId).max(500) }).strict(),
    z.array(
      z.object({
        bundleId: recordId,
        outcome: z.enum(['receipted', 'failed']),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
        attempts: z.number().int(),
      }),
    ),
    SYNC_EXPORTERS,
  ),
  'sync.importReceipt': spec(
    z.object({ text: z.string().min(1).max(50_000_000) }).strict(),
    bundleSummarySchema,
    SYNC_FOLLOWERS,
  ),
  'sync.bundles': spec(z.object({}).strict(), z.array(bundleSummarySchema), SYNC_FOLLOWERS),
  'sync.rejected': spec(
    z.object({}).strict(),
    z.array(
      z.object({
        bundleId: recordId,
        sequence: z.number().int(),
        resourceType: z.string(),
        resourceId: z.string(),
        versionId: z.string(),
        reason: z.string(),
        /** The record it came from: kind and the resident concerned. */
        kind: z.string(),
        resident: residentSummarySchema.nullable(),
      }),
    ),
    SYNC_FOLLOWERS,
  ),
};
