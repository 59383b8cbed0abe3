import type { z } from 'zod';
import { OUTBOX_KINDS, type bundleSummarySchema } from '../../../src-shared/ipc/contract-sync';
import { AppFailure } from '../../../src-shared/ipc/errors';
import { requireCityEncryptionKey } from '../../../src-shared/sync/city-keys';
import { readableFingerprint } from '../../../src-shared/sync/enrollment';
import { SyncError, isSyncError } from '../../../src-shared/sync/sync-errors';
import { getResidentSummary } from '../../db/resident-repository';
import {
  countAwaitingReceipt,
  countRejectedRecords,
  getBundle,
  getBundleFileText,
  getCityStoreUrl,
  insertCityKey,
  listBundles,
  listCityKeys,
  listRejectedRecords,
  recordCountsByBundle,
  residentIdOfEntity,
  retireSupervisorKeys,
  setCityStoreUrl,
  type BundleRow,
  type RecordCounts,
} from '../../db/sync-repository';
import { getUser } from '../../db/user-repository';
import { verifyPassword } from '../../services/passwords';
import { planExport, startExportJob, type ExportJob } from '../../sync/export/export-job';
import { importCityKey, readCityKeyFile } from '../../sync/keys';
import { importReceipt } from '../../sync/receipts';
import {
  describeStationKey,
  describeSupervisorKey,
  newSealedSupervisorKey,
  refusingSyncErrors,
  stationCode,
  stationEnrollment,
  stationSigningKey,
  storeSupervisorKey,
  syncRefused,
  unlockSupervisorKey,
} from '../../sync/station-keys';
import { uploadBundles } from '../../sync/upload';
import { nowIso, requireSession, type HandlerContext } from '../context';
import type { HandlerMap } from './types';

type BundleSummary = z.output<typeof bundleSummarySchema>;

/**
 * Export jobs live in the main process, per station app (its handler context): a job is
 * started, polled and cancelled from the Sync screen; it never outlives the app.
 */
const jobsByContext = new WeakMap<HandlerContext, Map<string, ExportJob>>();

function jobsOf(ctx: HandlerContext): Map<string, ExportJob> {
  let jobs = jobsByContext.get(ctx);
  if (!jobs) {
    jobs = new Map();
    jobsByContext.set(ctx, jobs);
  }
  return jobs;
}

/** The job of a supervisor's export, for tests and the bench that wait for it to end. */
export function exportJobOf(ctx: HandlerContext, jobId: string): ExportJob | undefined {
  return jobsOf(ctx).get(jobId);
}

const NO_COUNTS: RecordCounts = { accepted: 0, duplicate: 0, rejected: 0, pending: 0 };

function summaries(ctx: HandlerContext, rows: readonly BundleRow[]): BundleSummary[] {
  const counts = recordCountsByBundle(ctx.db);
  return rows.map((row) => ({
    id: row.id,
    exportSetId: row.exportSetId,
    part: row.part,
    parts: row.parts,
    sequence: row.sequence,
    fileName: row.fileName,
    records: row.records,
    bytes: row.bytes,
    state: row.state,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    uploadedAt: row.uploadedAt,
    receiptedAt: row.receiptedAt,
    counts: counts.get(row.id) ?? NO_COUNTS,
  }));
}

function jobView(ctx: HandlerContext, job: ExportJob) {
  const rows = job.bundleIds
    .map((id) => getBundle(ctx.db, id))
    .filter((row): row is BundleRow => row !== null);
  return {
    jobId: job.jobId,
    state: job.state,
    records: job.records,
    totalRecords: job.totalRecords,
    bytes: job.bytes,
    bundles: summaries(ctx, rows),
    error: job.error,
  };
}

function jobOrFail(ctx: HandlerContext, jobId: string): ExportJob {
  const job = jobsOf(ctx).get(jobId);
  if (!job) throw new AppFailure('NOT_FOUND', 'No such export job.');
  return job;
}

function cityKeyInfos(ctx: HandlerContext) {
  return listCityKeys(ctx.db).map((key) => ({
    kid: key.kid,
    use: key.use,
    fingerprint: readableFingerprint(key.kid),
    validFrom: key.validFrom,
    importedAt: key.importedAt,
    importedBy: key.importedBy,
  }));
}

function auditStationKeyCreated(ctx: HandlerContext): (kid: string) => void {
  return (kid) =>
    ctx.audit({ action: 'sync.createStationKey', recordType: 'syncKey', recordId: kid });
}

export const syncHandlers: HandlerMap<
  | 'sync.status'
  | 'sync.setUpSupervisorKey'
  | 'sync.enrollment'
  | 'sync.importCityKey'
  | 'sync.configure'
  | 'sync.startExport'
  | 'sync.exportProgress'
  | 'sync.cancelExport'
  | 'sync.bundleFile'
  | 'sync.upload'
  | 'sync.importReceipt'
  | 'sync.bundles'
  | 'sync.rejected'
> = {
  'sync.status': (_input, ctx) => {
    const session = requireSession(ctx);
    const plan = planExport(ctx.db, { from: null, to: null, kinds: OUTBOX_KINDS });
    const byKind: Record<string, number> = {};
    for (const change of plan.changes) byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
    return {
      stationCode: stationCode(ctx.db),
      stationKey: describeStationKey(ctx.db),
      supervisorKey:
        session.user.role === 'supervisor' ? describeSupervisorKey(ctx.db, session.user.id) : null,
      cityKeys: cityKeyInfos(ctx),
      cityStoreUrl: getCityStoreUrl(ctx.db),
      pending: { total: plan.changes.length, byKind, heldForConsent: plan.held.length },
      awaitingReceipt: countAwaitingReceipt(ctx.db),
      rejected: countRejectedRecords(ctx.db),
    };
  },

  /**
   * Her own key, sealed under her password (docs/sync-protocol.md §2.2). Setting up again
   * replaces the key: the city needs a new enrollment file before her next export.
   */
  'sync.setUpSupervisorKey': async (input, ctx) => {
    const session = requireSession(ctx);
    const user = getUser(ctx.db, session.user.id);
    if (!user || !(await verifyPassword(input.password, user.passwordHash))) {
      throw new AppFailure('BAD_CREDENTIALS', 'Wrong password.', {
        issues: [{ path: ['password'], message: 'validation.password.wrong' }],
      });
    }
    const at = nowIso(ctx);
    await refusingSyncErrors(() =>
      stationSigningKey(ctx.db, ctx.secretStore, at, auditStationKeyCreated(ctx)),
    );
    const key = await newSealedSupervisorKey(input.password);
    ctx.db
      .transaction(() => {
        const retired = retireSupervisorKeys(ctx.db, user.id, at);
        storeSupervisorKey(ctx.db, user.id, key, at);
        ctx.audit({
          action: 'sync.setUpSupervisorKey',
          recordType: 'syncKey',
          recordId: key.kid,
          details: { replaced: retired },
        });
      })
      .immediate();
    return { kid: key.kid, fingerprint: readableFingerprint(key.kid) };
  },

  'sync.enrollment': async (_input, ctx) => {
    const at = nowIso(ctx);
    const enrollment = await refusingSyncErrors(() =>
      stationEnrollment(ctx.db, ctx.secretStore, at, auditStationKeyCreated(ctx)),
    );
    return {
      fileName: `${enrollment.station.stationCode}-enrollment-${at.slice(0, 10)}.json`,
      text: `${JSON.stringify(enrollment, null, 2)}\n`,
    };
  },

  'sync.importCityKey': async (input, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const validFrom = input.validFrom === null ? at : `${input.validFrom}T00:00:00.000Z`;
    const trusted = await refusingSyncErrors(async () => {
      const candidates = await readCityKeyFile(input.text);
      // One fingerprint is confirmed at a time: the key it names is imported; none → refused.
      const matching = [];
      for (const candidate of candidates) {
        try {
          matching.push(
            await importCityKey({
              jwk: candidate.jwk,
              confirmedFingerprint: input.confirmedFingerprint,
              validFrom,
              importedAt: at,
              importedBy: session.user.id,
            }),
          );
        } catch (error) {
          if (!isSyncError(error, 'CITY_KEY_FINGERPRINT_MISMATCH')) throw error;
        }
      }
      if (matching.length === 0) {
        throw new SyncError(
          'CITY_KEY_FINGERPRINT_MISMATCH',
          `No key in the file has the confirmed fingerprint (${candidates
            .map((c) => c.fingerprint)
            .join('; ')}).`,
        );
      }
      return matching;
    });
    ctx.db
      .transaction(() => {
        for (const key of trusted) {
          const added = insertCityKey(ctx.db, key);
          ctx.audit({
            action: 'sync.importCityKey',
            recordType: 'cityKey',
            recordId: key.kid,
            details: { use: key.use, validFrom: key.validFrom, alreadyTrusted: !added },
          });
        }
      })
      .immediate();
    return cityKeyInfos(ctx);
  },

  'sync.configure': (input, ctx) => {
    const session = requireSession(ctx);
    ctx.db
      .transaction(() => {
        const before = getCityStoreUrl(ctx.db);
        setCityStoreUrl(ctx.db, input.cityStoreUrl, nowIso(ctx), session.user.id);
        ctx.audit({
          action: 'sync.configure',
          recordType: 'settings',
          details: { before, after: input.cityStoreUrl },
        });
      })
      .immediate();
    return { cityStoreUrl: getCityStoreUrl(ctx.db) };
  },

  'sync.startExport': async (input, ctx) => {
    const session = requireSession(ctx);
    const jobs = jobsOf(ctx);
    if ([...jobs.values()].some((job) => job.state === 'running')) {
      throw new AppFailure('CONFLICT', 'An export is already running.');
    }
    const at = nowIso(ctx);
    const signer = await refusingSyncErrors(async () => {
      requireCityEncryptionKey(listCityKeys(ctx.db), at);
      const supervisor = await unlockSupervisorKey(ctx.db, session.user.id, input.password);
      const station = await stationSigningKey(
        ctx.db,
        ctx.secretStore,
        at,
        auditStationKeyCreated(ctx),
      );
      return {
        userId: session.user.id,
        supervisorKey: supervisor.privateJwk,
        supervisorKid: supervisor.kid,
        stationKey: station.privateJwk,
      };
    });
    const who = { userId: session.user.id, userName: session.user.fullName };
    const job = startExportJob({
      db: ctx.db,
      now: ctx.now,
      newId: ctx.newId,
      selection: input.selection,
      signer,
      ...(exportPartBytes.has(ctx) ? { partPlaintextBytes: exportPartBytes.get(ctx) } : {}),
      onFinished: (finished) => {
        ctx.db.transaction(() =>
          ctx.audit({
            ...who,
            action: 'sync.export',
            recordType: 'syncBundle',
            outcome: finished.state === 'failed' ? 'failed' : 'ok',
            details: {
              state: finished.state,
              bundleIds: finished.bundleIds,
              records: finished.records,
              selection: input.selection,
              ...(finished.error ? { error: finished.error.code } : {}),
            },
          }),
        )();
      },
    });
    jobs.set(job.jobId, job);
    return jobView(ctx, job);
  },

  'sync.exportProgress': (input, ctx) => jobView(ctx, jobOrFail(ctx, input.jobId)),

  'sync.cancelExport': async (input, ctx) => {
    const job = jobOrFail(ctx, input.jobId);
    if (job.state === 'running') {
      job.cancelRequested = true;
      // The job stops between two bundles: what is stored is whole.
      await job.finished;
    }
    return jobView(ctx, job);
  },

  'sync.bundleFile': (input, ctx) => {
    const bundle = getBundle(ctx.db, input.bundleId);
    if (!bundle) throw new AppFailure('NOT_FOUND', 'No such bundle.');
    const fileText = getBundleFileText(ctx.db, input.bundleId) ?? '';
    if (fileText === '') {
      throw new AppFailure('CONFLICT', 'This bundle has its receipt: its file is no longer kept.');
    }
    return {
      fileName: bundle.fileName,
      mimeType: 'application/jose+json' as const,
      base64: Buffer.from(fileText, 'utf8').toString('base64'),
    };
  },

  'sync.upload': async (input, ctx) => {
    const cityStoreUrl = getCityStoreUrl(ctx.db);
    if (cityStoreUrl === '') {
      throw new AppFailure('NOT_SET_UP', 'The city record store address is not set.');
    }
    const outcomes = await uploadBundles(ctx.db, input.bundleIds, {
      cityStoreUrl,
      stationCode: stationCode(ctx.db),
      now: ctx.now,
      sleep: uploadSleep.get(ctx),
      onReceipted: (bundle) =>
        ctx.audit({
          action: 'sync.importReceipt',
          recordType: 'syncBundle',
          recordId: bundle.id,
          details: { via: 'upload', state: bundle.state, sequence: bundle.sequence },
        }),
    });
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'sync.upload',
        recordType: 'syncBundle',
        outcome: outcomes.some((o) => o.outcome === 'failed') ? 'failed' : 'ok',
        details: {
          outcomes: outcomes.map((o) => ({
            bundleId: o.bundleId,
            outcome: o.outcome,
            attempts: o.attempts,
            ...(o.error ? { error: o.error.code } : {}),
          })),
        },
      }),
    )();
    return outcomes;
  },

  'sync.importReceipt': async (input, ctx) => {
    try {
      const imported = await importReceipt(ctx.db, input.text, {
        stationCode: stationCode(ctx.db),
        at: nowIso(ctx),
        onApplied: (bundle) =>
          ctx.audit({
            action: 'sync.importReceipt',
            recordType: 'syncBundle',
            recordId: bundle.id,
            details: { via: 'file', state: bundle.state, sequence: bundle.sequence },
          }),
      });
      return summaries(ctx, [imported.bundle])[0]!;
    } catch (error) {
      if (!isSyncError(error)) throw error;
      ctx.db.transaction(() =>
        ctx.audit({
          action: 'sync.importReceipt',
          recordType: 'syncBundle',
          outcome: 'failed',
          details: { via: 'file', reason: error.code },
        }),
      )();
      throw syncRefused(error);
    }
  },

  'sync.bundles': (_input, ctx) => summaries(ctx, listBundles(ctx.db)),

  'sync.rejected': (_input, ctx) =>
    listRejectedRecords(ctx.db).map((row) => {
      const residentId = residentIdOfEntity(ctx.db, row.kind, row.entityId);
      return {
        bundleId: row.bundleId,
        sequence: row.sequence,
        resourceType: row.resourceType,
        resourceId: row.resourceId,
        versionId: row.versionId,
        reason: row.reason,
        kind: row.kind,
        resident: residentId ? getResidentSummary(ctx.db, residentId) : null,
      };
    }),
};

/**
 * The waits between upload attempts, replaceable per station app so that tests exercise the
 * retries without waiting seconds (docs/sync-station.md, "Upload").
 */
export const uploadSleep = new WeakMap<HandlerContext, (ms: number) => Promise<void>>();

/**
 * The bound on one bundle's plaintext, replaceable per station app so that tests make an
 * export of a few records span several bundles (DEFAULT_PART_PLAINTEXT_BYTES otherwise).
 */
export const exportPartBytes = new WeakMap<HandlerContext, number>();
