import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cityPrivateKeysOf,
  describeCurrentKeys,
  publicJwkSetOf,
  type CityKeyRing,
} from '../../src-main/city-store/city-keys';
import { initCityStore, openCityStoreDatabase } from '../../src-main/city-store/data-directory';
import { receiveBundle } from '../../src-main/city-store/receiver';
import { startCityStoreServer, type RunningCityStore } from '../../src-main/city-store/server';
import type { SqliteCityStoreStorage } from '../../src-main/city-store/sqlite-storage';
import { validateFhirResource } from '../../src-main/fhir/validate';
import { exportJobOf, uploadSleep } from '../../src-main/ipc/handlers/sync-handlers';
import { openBundle } from '../../src-main/sync/envelope';
import type { ChannelOutput } from '../../src-shared/ipc/contract';
import { readEnrollment } from '../../src-main/sync/keys';
import {
  STAFF,
  addStaff,
  declarationInput,
  openSetUpStation,
  residentInput,
  signInAs,
  type TestStation,
} from '../support/station';

let s: TestStation;
let cityDirectory: string;
let ring: CityKeyRing;
let storage: SqliteCityStoreStorage;
let server: RunningCityStore | null = null;

const SUPERVISOR_PASSWORD = STAFF.supervisor.password;

async function importCityKeys(): Promise<void> {
  const text = JSON.stringify(publicJwkSetOf(ring));
  for (const key of await describeCurrentKeys(ring)) {
    await s.must('sync.importCityKey', {
      text,
      confirmedFingerprint: key.fingerprint,
      validFrom: '2026-01-01',
    });
  }
}

async function finishedExport(jobId: string): Promise<ChannelOutput<'sync.exportProgress'>> {
  await exportJobOf(s.app.context, jobId)!.finished;
  return s.must('sync.exportProgress', { jobId });
}

async function exportAll(): Promise<ChannelOutput<'sync.exportProgress'>> {
  const started = await s.must('sync.startExport', {
    password: SUPERVISOR_PASSWORD,
    selection: {
      from: null,
      to: null,
      kinds: ['resident', 'declaration', 'elderly_screening', 'school_screening'],
    },
  });
  return finishedExport(started.jobId);
}

function pendingOutbox(): number {
  return (
    s.app.db.prepare('SELECT count(*) AS n FROM outbox WHERE acknowledged_at IS NULL').get() as {
      n: number;
    }
  ).n;
}

function bundleFile(bundleId: string): Promise<string> {
  return s
    .must('sync.bundleFile', { bundleId })
    .then((file) => Buffer.from(file.base64, 'base64').toString('utf8'));
}

async function errorOf(result: Promise<{ ok: boolean; error?: unknown }>) {
  const settled = await result;
  expect(settled.ok).toBe(false);
  return settled.error as { code: string; details?: { reason?: string } };
}

beforeEach(async () => {
  s = await openSetUpStation();
  await addStaff(s, 'health_worker');
  await addStaff(s, 'supervisor');
  cityDirectory = mkdtempSync(join(tmpdir(), 'city-store-'));
  ring = await initCityStore(cityDirectory, '2026-01-01T00:00:00.000Z');
  storage = openCityStoreDatabase(cityDirectory);
  await importCityKeys();
  await s.must('sync.configure', { cityStoreUrl: 'http://127.0.0.1:9' });
  await signInAs(s, 'supervisor');
  await s.must('sync.setUpSupervisorKey', { password: SUPERVISOR_PASSWORD });
  const enrollment = await s.must('sync.enrollment', {});
  storage.enrollStation(await readEnrollment(enrollment.text), '2026-03-01T00:00:00.000Z');
  uploadSleep.set(s.app.context, () => Promise.resolve());
});

afterEach(async () => {
  await server?.close();
  server = null;
  storage.close();
  s.dispose();
  rmSync(cityDirectory, { recursive: true, force: true });
});

async function startReceiver(): Promise<void> {
  server = await startCityStoreServer({ storage, cityKeys: cityPrivateKeysOf(ring), port: 0 });
  await signInAs(s, 'administrator');
  await s.must('sync.configure', { cityStoreUrl: server.url });
  await signInAs(s, 'supervisor');
}

async function seedRecords(): Promise<{ anhId: string; binhId: string }> {
  await signInAs(s, 'health_worker');
  const anh = await s.must('resident.create', { resident: residentInput() });
  await s.must('declaration.submit', {
    residentId: anh.id,
    baseVersion: 0,
    declaration: declarationInput({ consent: { recordKeeping: true, citySharing: true } }),
  });
  const binh = await s.must('resident.create', {
    resident: residentInput({
      fullName: 'Trần Văn Bình',
      sex: '1',
      birthDate: '1950-07-01',
      personalId: '079050001122',
    }),
  });
  await signInAs(s, 'supervisor');
  return { anhId: anh.id, binhId: binh.id };
}

describe('sync: keys and enrollment', () => {
  it('enrolls the station key and the supervisor key under the facility code', async () => {
    const status = await s.must('sync.status', {});
    expect(status.stationCode).toBe('79123');
    expect(status.stationKey?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(status.supervisorKey?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(status.cityKeys.map((k) => k.use).sort()).toEqual([
      'bundle-encryption',
      'receipt-signing',
    ]);
    const enrollment = await readEnrollment((await s.must('sync.enrollment', {})).text);
    expect(enrollment.stationKey.kid).toBe(status.stationKey?.kid);
    expect(enrollment.supervisorKeys.map((k) => k.key.kid)).toEqual([status.supervisorKey?.kid]);
  });

  it('refuses a city key whose fingerprint was not the one confirmed, and keeps nothing new', async () => {
    await signInAs(s, 'administrator');
    const before = (await s.must('sync.status', {})).cityKeys;
    const error = await errorOf(
      s.call('sync.importCityKey', {
        text: JSON.stringify(publicJwkSetOf(ring)),
        confirmedFingerprint: 'AAAA BBBB CCCC DDDD',
        validFrom: null,
      }),
    );
    expect(error).toMatchObject({
      code: 'SYNC_REFUSED',
      details: { reason: 'CITY_KEY_FINGERPRINT_MISMATCH' },
    });
    expect((await s.must('sync.status', {})).cityKeys).toEqual(before);
  });

  it('refuses an export with a wrong password: KEY_PASSWORD_WRONG, no bundle', async () => {
    await seedRecords();
    const error = await errorOf(
      s.call('sync.startExport', {
        password: 'not-her-password',
        selection: { from: null, to: null, kinds: ['resident'] },
      }),
    );
    expect(error).toMatchObject({
      code: 'SYNC_REFUSED',
      details: { reason: 'KEY_PASSWORD_WRONG' },
    });
    expect(await s.must('sync.bundles', {})).toEqual([]);
  });

  it('re-seals her key when she changes her password', async () => {
    await seedRecords();
    const kid = (await s.must('sync.status', {})).supervisorKey?.kid;
    await s.must('auth.changePassword', {
      currentPassword: SUPERVISOR_PASSWORD,
      newPassword: 'matkhaumoi-2026',
      confirmation: 'matkhaumoi-2026',
    });
    expect((await s.must('sync.status', {})).supervisorKey?.kid).toBe(kid);
    const started = await s.must('sync.startExport', {
      password: 'matkhaumoi-2026',
      selection: { from: null, to: null, kinds: ['resident'] },
    });
    expect((await finishedExport(started.jobId)).state).toBe('done');
  });
});

describe('sync: export, upload, receipts', () => {
  it('exports, uploads to the city and acknowledges every change; all resources are valid FHIR R4', async () => {
    await seedRecords();
    await startReceiver();
    const job = await exportAll();
    expect(job).toMatchObject({ state: 'done', error: null });
    expect(job.records).toBeGreaterThan(5);
    expect(job.bundles).toHaveLength(1);

    // Every resource of the export validates as FHIR R4.
    const bundle = job.bundles[0]!;
    const opened = await openBundle(
      await bundleFile(bundle.id),
      cityPrivateKeysOf(ring).decryptionKeys[0]!,
    );
    const entries = opened.fhirBundle.entry ?? [];
    expect(entries).toHaveLength(job.records);
    for (const entry of entries) {
      const issues = validateFhirResource(entry.resource as never);
      expect(issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
    }

    const outcomes = await s.must('sync.upload', { bundleIds: [] });
    expect(outcomes).toEqual([
      { bundleId: bundle.id, outcome: 'receipted', error: null, attempts: 1 },
    ]);
    expect(pendingOutbox()).toBe(0);
    const [after] = await s.must('sync.bundles', {});
    expect(after).toMatchObject({ state: 'receipted', counts: { pending: 0, rejected: 0 } });
    expect(after!.counts.accepted).toBe(job.records);

    // A receipted bundle is never sent again.
    expect(await s.must('sync.upload', { bundleIds: [bundle.id] })).toEqual([]);
  });

  it('goes over the file path too: bundle file → city → receipt file; the same receipt twice changes nothing', async () => {
    await seedRecords();
    const job = await exportAll();
    const bundle = job.bundles[0]!;
    const { receiptText } = await receiveBundle(await bundleFile(bundle.id), {
      storage,
      cityKeys: cityPrivateKeysOf(ring),
      now: () => '2026-03-03T00:00:00.000Z',
    });
    const summary = await s.must('sync.importReceipt', { text: receiptText });
    expect(summary).toMatchObject({ id: bundle.id, state: 'receipted' });
    expect(pendingOutbox()).toBe(0);
    const again = await s.must('sync.importReceipt', { text: receiptText });
    expect(again).toEqual(summary);
  });

  it('sends an edited record again as its next version', async () => {
    const { binhId } = await seedRecords();
    await exportAll();
    await signInAs(s, 'health_worker');
    const binh = await s.must('resident.get', { id: binhId });
    await s.must('resident.update', {
      id: binhId,
      expectedVersion: binh.record.version,
      resident: residentInput({
        fullName: 'Trần Văn Bình',
        sex: '1',
        birthDate: '1950-07-01',
        personalId: '079050001122',
        phones: [{ number: '0912345678' }],
      }),
    });
    await signInAs(s, 'supervisor');
    const second = await exportAll();
    expect(second.records).toBe(1);
    const rows = s.app.db
      .prepare(
        `SELECT resource_type AS type, resource_id AS id, version_id AS version
           FROM sync_bundle_records WHERE bundle_id = ?`,
      )
      .all(second.bundles[0]!.id);
    expect(rows).toEqual([{ type: 'Patient', id: binhId, version: '2' }]);
  });

  it('holds the changes of a resident who withdrew consent to city sharing', async () => {
    const { anhId } = await seedRecords();
    await signInAs(s, 'health_worker');
    await s.must('subject.withdrawConsent', {
      residentId: anhId,
      purpose: 'citySharing',
      requestedBy: 'self',
      reason: 'Không muốn chia sẻ',
    } as never);
    await signInAs(s, 'supervisor');
    const status = await s.must('sync.status', {});
    expect(status.pending.heldForConsent).toBe(2);
    expect(status.pending.total).toBe(1);
    const job = await exportAll();
    const sent = s.app.db
      .prepare('SELECT DISTINCT resource_id AS id FROM sync_bundle_records WHERE bundle_id = ?')
      .all(job.bundles[0]!.id) as { id: string }[];
    expect(sent.map((r) => r.id)).not.toContain(anhId);
  });

  it('reports a receiver that is down after its retries, and marks nothing', async () => {
    await seedRecords();
    const job = await exportAll();
    const outcomes = await s.must('sync.upload', { bundleIds: [] });
    expect(outcomes).toEqual([
      {
        bundleId: job.bundles[0]!.id,
        outcome: 'failed',
        error: expect.objectContaining({ code: 'UPLOAD_UNREACHABLE' }) as unknown,
        attempts: 3,
      },
    ]);
    expect((await s.must('sync.bundles', {}))[0]!.state).toBe('exported');
  });

  it('refuses a tampered receipt and a receipt for an unknown bundle; nothing changes', async () => {
    await seedRecords();
    const job = await exportAll();
    const { receiptText } = await receiveBundle(await bundleFile(job.bundles[0]!.id), {
      storage,
      cityKeys: cityPrivateKeysOf(ring),
      now: () => '2026-03-03T00:00:00.000Z',
    });
    const file = JSON.parse(receiptText) as { payload: string; signatures: unknown[] };
    const payload = JSON.parse(Buffer.from(file.payload, 'base64url').toString('utf8')) as {
      records: { status: string; reason?: string }[];
      bundleId: string;
    };
    payload.records[0]!.status = 'rejected';
    payload.records[0]!.reason = 'FHIR_INVALID';
    const tampered = JSON.stringify({
      ...file,
      payload: Buffer.from(JSON.stringify(payload)).toString('base64url'),
    });
    expect(await errorOf(s.call('sync.importReceipt', { text: tampered }))).toMatchObject({
      code: 'SYNC_REFUSED',
      details: { reason: 'RECEIPT_SIGNATURE_INVALID' },
    });
    payload.bundleId = '019a0000-0000-7000-8000-000000000000';
    const unknown = JSON.stringify({
      ...file,
      payload: Buffer.from(JSON.stringify(payload)).toString('base64url'),
    });
    expect(await errorOf(s.call('sync.importReceipt', { text: unknown }))).toMatchObject({
      details: { reason: 'RECEIPT_WRONG_BUNDLE' },
    });
    expect((await s.must('sync.bundles', {}))[0]!.state).toBe('exported');
    expect(pendingOutbox()).toBe(3);
  });
});
