import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
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
import {
  exportJobOf,
  exportPartBytes,
  uploadSleep,
} from '../../src-main/ipc/handlers/sync-handlers';
import { openBundle } from '../../src-main/sync/envelope';
import { readEnrollment } from '../../src-main/sync/keys';
import { signReceipt } from '../../src-main/sync/receipt-signature';
import { uploadBundles } from '../../src-main/sync/upload';
import { resourcesOfChange } from '../../src-main/sync/export/record-resources';
import { getStation } from '../../src-main/db/station-repository';
import type { OutboxRow } from '../../src-main/db/sync-repository';
import { ELDERLY_QUESTIONNAIRES } from '../../src-shared/clinical/instruments';
import type { FhirResource, Observation } from '../../src-shared/fhir/types';
import type { ChannelOutput } from '../../src-shared/ipc/contract';
import type { InstrumentAnswersInput } from '../../src-shared/schemas/elderly-screening';
import { enrolNewPupil, pupilInput } from '../support/school-fixtures';
import {
  STAFF,
  addStaff,
  declarationInput,
  openSetUpStation,
  residentInput,
  signInAs,
  testClock,
  type TestStation,
} from '../support/station';

/**
 * The station side of sync beyond the happy path (docs/sync-station.md): screenings, cancelled
 * exports, interrupted uploads, answers that are not receipts, rejected records, and a
 * supervisor whose password was reset. Runs against the reference receiver in-process.
 */

let s: TestStation;
let cityDirectory: string;
let ring: CityKeyRing;
let storage: SqliteCityStoreStorage;
let server: RunningCityStore | null = null;
let garbageServer: Server | null = null;

const SUPERVISOR_PASSWORD = STAFF.supervisor.password;
const ALL_KINDS = ['resident', 'declaration', 'elderly_screening', 'school_screening'] as const;

beforeEach(async () => {
  s = await openSetUpStation({ now: testClock('2026-03-02T01:30:00.000Z').now });
  await addStaff(s, 'health_worker');
  await addStaff(s, 'supervisor');
  cityDirectory = mkdtempSync(join(tmpdir(), 'city-store-'));
  ring = await initCityStore(cityDirectory, '2026-01-01T00:00:00.000Z');
  storage = openCityStoreDatabase(cityDirectory);
  const keyFile = JSON.stringify(publicJwkSetOf(ring));
  for (const key of await describeCurrentKeys(ring)) {
    await s.must('sync.importCityKey', {
      text: keyFile,
      confirmedFingerprint: key.fingerprint,
      validFrom: '2026-01-01',
    });
  }
  await s.must('sync.configure', { cityStoreUrl: 'http://127.0.0.1:9' });
  await signInAs(s, 'supervisor');
  await s.must('sync.setUpSupervisorKey', { password: SUPERVISOR_PASSWORD });
  await enrollStation();
  uploadSleep.set(s.app.context, () => Promise.resolve());
});

afterEach(async () => {
  await server?.close();
  server = null;
  await new Promise((resolve) => (garbageServer ? garbageServer.close(resolve) : resolve(null)));
  garbageServer = null;
  storage.close();
  s.dispose();
  rmSync(cityDirectory, { recursive: true, force: true });
});

async function enrollStation(): Promise<void> {
  const enrollment = await s.must('sync.enrollment', {});
  storage.enrollStation(await readEnrollment(enrollment.text), '2026-03-01T00:00:00.000Z');
}

async function pointStationAt(url: string): Promise<void> {
  await signInAs(s, 'administrator');
  await s.must('sync.configure', { cityStoreUrl: url });
  await signInAs(s, 'supervisor');
}

async function startReceiver(): Promise<void> {
  server = await startCityStoreServer({ storage, cityKeys: cityPrivateKeysOf(ring), port: 0 });
  await pointStationAt(server.url);
}

function startExport(): Promise<ChannelOutput<'sync.startExport'>> {
  return s.must('sync.startExport', {
    password: SUPERVISOR_PASSWORD,
    selection: { from: null, to: null, kinds: [...ALL_KINDS] },
  });
}

async function exportAll(): Promise<ChannelOutput<'sync.exportProgress'>> {
  const { jobId } = await startExport();
  await exportJobOf(s.app.context, jobId)!.finished;
  return s.must('sync.exportProgress', { jobId });
}

async function bundleFile(bundleId: string): Promise<string> {
  const file = await s.must('sync.bundleFile', { bundleId });
  return Buffer.from(file.base64, 'base64').toString('utf8');
}

async function openedResources(bundleId: string): Promise<FhirResource[]> {
  const opened = await openBundle(
    await bundleFile(bundleId),
    cityPrivateKeysOf(ring).decryptionKeys[0]!,
  );
  return (opened.fhirBundle.entry ?? []).map((entry) => entry.resource as unknown as FhirResource);
}

function fhirErrors(resource: FhirResource) {
  return validateFhirResource(resource as never).filter(
    (issue) => issue.severity === 'error' || issue.severity === 'fatal',
  );
}

async function errorOf(result: Promise<{ ok: boolean; error?: unknown }>) {
  const settled = await result;
  expect(settled.ok).toBe(false);
  return settled.error as { code: string; details?: { reason?: string } };
}

interface RecordRow {
  bundleId: string;
  type: string;
  id: string;
  version: string;
  seq: number;
  status: string;
}

function bundleRecords(): RecordRow[] {
  return s.app.db
    .prepare(
      `SELECT bundle_id AS bundleId, resource_type AS type, resource_id AS id,
           version_id AS version, outbox_seq AS seq, status
         FROM sync_bundle_records ORDER BY bundle_id, resource_type, resource_id`,
    )
    .all() as RecordRow[];
}

function unacknowledged(): { seq: number; kind: string; entityId: string }[] {
  return s.app.db
    .prepare(
      `SELECT seq, entity_type AS kind, entity_id AS entityId FROM outbox
         WHERE acknowledged_at IS NULL ORDER BY seq`,
    )
    .all() as { seq: number; kind: string; entityId: string }[];
}

/** The resources of every outbox change, as the export maps them: `Type/id/version`. */
function everyResourceOfTheOutbox(): string[] {
  const station = getStation(s.app.db)!;
  const mapping = {
    db: s.app.db,
    station: { name: station.name, facilityCode: station.facilityCode },
    childBpTable: null,
  };
  const rows = s.app.db
    .prepare(
      `SELECT seq, entity_type AS kind, entity_id AS entityId, entity_version AS entityVersion,
           created_at AS createdAt, NULL AS residentId
         FROM outbox ORDER BY seq`,
    )
    .all() as OutboxRow[];
  return rows
    .flatMap((row) => resourcesOfChange(mapping, row))
    .map((r) => `${r.resourceType}/${r.id}/${r.meta.versionId}`)
    .sort();
}

/** Every item of every questionnaire answered with its first option. */
function firstOptionAnswers(): InstrumentAnswersInput {
  const answers: Record<string, Record<string, string>> = {};
  for (const [key, questionnaire] of Object.entries(ELDERLY_QUESTIONNAIRES)) {
    answers[key] = Object.fromEntries(
      questionnaire.items.map((item) => [item.id, item.options[0]!.value]),
    );
  }
  return { ...answers, timedUpAndGoSeconds: 11.5 } as InstrumentAnswersInput;
}

/** A resident of 75 and her elderly screening with all six instruments. */
async function seedElderlyScreening(): Promise<{ residentId: string; screeningId: string }> {
  await signInAs(s, 'health_worker');
  const resident = await s.must('resident.create', {
    resident: residentInput({
      fullName: 'Trần Thị Mai',
      birthDate: '1951-06-10',
      personalId: '',
      phones: [],
    }),
  });
  const saved = await s.must('elderly.save', {
    id: null,
    expectedVersion: 0,
    screening: {
      residentId: resident.id,
      screenedOn: '2026-03-02',
      healthClass: 2,
      examinerName: 'Lê Thị Thu',
      measurements: {
        heightCm: 152,
        weightKg: 50,
        pulsePerMin: 76,
        bloodPressure: {
          first: { systolic: 122, diastolic: 76 },
          second: { systolic: 118, diastolic: 74 },
        },
        glucose: { kind: 'fasting', unit: 'mmol/L', value: 5.6 },
      },
      instruments: firstOptionAnswers(),
    },
  });
  await signInAs(s, 'supervisor');
  return { residentId: resident.id, screeningId: saved.id };
}

/** A class of two pupils with consent: one measured, one absent on the screening day. */
async function seedSchoolScreenings(): Promise<{ measuredId: string; absentId: string }> {
  await signInAs(s, 'health_worker');
  const school = await s.must('school.save', {
    name: 'Trường Tiểu học Bình Quới',
    level: 'primary',
    communeCode: '26911',
    address: '1 Bình Quới',
  });
  const schoolClass = await s.must('class.save', {
    schoolId: school.id,
    schoolYear: '2025-2026',
    name: '5A',
    grade: 5,
  });
  const pupils = [
    await enrolNewPupil(s, schoolClass.id, pupilInput({ fullName: 'Nguyễn Minh An' })),
    await enrolNewPupil(s, schoolClass.id, pupilInput({ fullName: 'Lê Gia Bảo' })),
  ];
  const saved = [];
  for (const [index, residentId] of pupils.entries()) {
    await s.must('enrolment.setConsent', {
      classId: schoolClass.id,
      residentId,
      consent: {
        guardian: true,
        guardianName: 'Nguyễn Văn Bình',
        pupil: true,
        recordedOn: '2025-10-01',
      },
    });
    saved.push(
      await s.must('pupil.saveScreening', {
        classId: schoolClass.id,
        residentId,
        round: 'I',
        screenedOn: '2025-10-15',
        status: index === 0 ? 'measured' : 'absent',
        expectedVersion: 0,
        measurements:
          index === 0
            ? { heightCm: 135.5, weightKg: 30.2, systolic: 105, diastolic: 65, heartRate: 88 }
            : {},
      }),
    );
  }
  await signInAs(s, 'supervisor');
  return { measuredId: saved[0]!.id, absentId: saved[1]!.id };
}

const GIVEN_NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Khang', 'Long', 'Minh'];

/** Several residents, each with a declaration: enough to fill a few small bundles. */
async function seedHousehold(count: number): Promise<string[]> {
  await signInAs(s, 'health_worker');
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const resident = await s.must('resident.create', {
      resident: residentInput({
        fullName: `Nguyễn Văn ${GIVEN_NAMES[n]!}`,
        sex: '1',
        personalId: `0790850${String(10_000 + n).padStart(5, '0')}`,
        phones: [],
      }),
    });
    await s.must('declaration.submit', {
      residentId: resident.id,
      baseVersion: 0,
      declaration: declarationInput({ consent: { recordKeeping: true, citySharing: true } }),
    });
    ids.push(resident.id);
  }
  await signInAs(s, 'supervisor');
  return ids;
}

describe('sync: screenings', () => {
  it('exports elderly and school screenings as valid FHIR R4 the city accepts; an absent pupil sends nothing', async () => {
    const { screeningId } = await seedElderlyScreening();
    const { measuredId, absentId } = await seedSchoolScreenings();
    await startReceiver();
    const job = await exportAll();
    expect(job).toMatchObject({ state: 'done', error: null });

    const resources = (await Promise.all(job.bundles.map((b) => openedResources(b.id)))).flat();
    expect(resources).toHaveLength(job.records);
    for (const resource of resources) {
      expect(fhirErrors(resource), `${resource.resourceType}/${resource.id}`).toEqual([]);
    }
    const encounters = resources.filter((r) => r.resourceType === 'Encounter').map((r) => r.id);
    expect(encounters.sort()).toEqual([measuredId, screeningId].sort());

    // The six instruments travel as the Observations of their computed scores.
    const answers = firstOptionAnswers() as Record<string, Record<string, string>>;
    const scores = resources
      .filter((r): r is Observation => r.resourceType === 'Observation')
      .filter((o) => o.encounter?.reference === `Encounter/${screeningId}`)
      .filter((o) => o.valueInteger !== undefined || o.code.coding?.[0]?.code === '89423-8')
      .map((o) => ({
        code: o.code.coding?.[0]?.code,
        value: o.valueInteger ?? o.valueQuantity?.value,
      }));
    expect(scores).toEqual(
      expect.arrayContaining([
        {
          code: 'katz-adl-total',
          value: ELDERLY_QUESTIONNAIRES.katzAdl.score(answers.katzAdl as never),
        },
        {
          code: 'lawton-iadl-total',
          value: ELDERLY_QUESTIONNAIRES.lawtonIadl.score(answers.lawtonIadl as never),
        },
        { code: '48545-8', value: ELDERLY_QUESTIONNAIRES.gds15.score(answers.gds15 as never) },
        { code: '72233-0', value: ELDERLY_QUESTIONNAIRES.miniCog.score(answers.miniCog as never) },
        {
          code: 'prisma-7-total',
          value: ELDERLY_QUESTIONNAIRES.prisma7.score(answers.prisma7 as never),
        },
        { code: '89423-8', value: 11.5 },
      ]),
    );

    // The absent pupil was not examined: nothing clinical exists to send, so her change is
    // acknowledged by the export itself and never waits for a receipt.
    expect(resources.some((r) => r.id === absentId)).toBe(false);
    expect(unacknowledged().some((row) => row.entityId === absentId)).toBe(false);

    const outcomes = await s.must('sync.upload', { bundleIds: [] });
    expect(outcomes.map((o) => o.outcome)).toEqual(job.bundles.map(() => 'receipted'));
    const bundles = await s.must('sync.bundles', {});
    expect(bundles.every((b) => b.counts.rejected === 0 && b.counts.pending === 0)).toBe(true);
    expect(unacknowledged()).toEqual([]);
  });
});

describe('sync: interrupted work', () => {
  it('cancelled mid-export leaves whole bundles only; the next export sends the rest, nothing twice', async () => {
    await seedHousehold(8);
    // A resident's Patient is about 2 KB and her declaration about 7 KB (five resources): a
    // part of about 16 KB of resources ends inside the second declaration, so a split that
    // did not keep changes whole would leave one half sent when the export is cancelled.
    exportPartBytes.set(s.app.context, 20_500);
    const { jobId } = await startExport();
    let progress = await s.must('sync.exportProgress', { jobId });
    while (progress.state === 'running' && progress.bundles.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      progress = await s.must('sync.exportProgress', { jobId });
    }
    const cancelled = await s.must('sync.cancelExport', { jobId });
    expect(cancelled.state).toBe('cancelled');
    const firstIds = cancelled.bundles.map((b) => b.id);
    expect(firstIds.length).toBeGreaterThanOrEqual(1);
    // Each stored bundle holds exactly the records it lists, and every change sits whole in one.
    const afterCancel = bundleRecords();
    for (const bundle of cancelled.bundles) {
      expect(afterCancel.filter((r) => r.bundleId === bundle.id)).toHaveLength(bundle.records);
    }
    expect(unacknowledged().length).toBeGreaterThan(new Set(afterCancel.map((r) => r.seq)).size);

    const rest = await exportAll();
    expect(rest.state).toBe('done');
    expect(rest.bundles.length).toBeGreaterThanOrEqual(1);
    const all = bundleRecords();
    const refs = all.map((r) => `${r.type}/${r.id}/${r.version}`);
    expect(new Set(refs).size).toBe(refs.length);
    for (const seq of new Set(all.map((r) => r.seq))) {
      expect(new Set(all.filter((r) => r.seq === seq).map((r) => r.bundleId)).size).toBe(1);
    }
    // Every change is in a bundle now (8 residents, 8 declarations), each with all of its
    // resources: what a single uninterrupted export would have sent.
    expect(new Set(all.map((r) => r.seq)).size).toBe(16);
    expect(refs.sort()).toEqual(everyResourceOfTheOutbox());

    await startReceiver();
    const outcomes = await s.must('sync.upload', { bundleIds: [] });
    expect(outcomes.every((o) => o.outcome === 'receipted')).toBe(true);
    const bundles = await s.must('sync.bundles', {});
    expect(bundles.reduce((n, b) => n + b.counts.duplicate, 0)).toBe(0);
    expect(unacknowledged()).toEqual([]);
  });

  it('resumes an interrupted upload: the first bundle is receipted, the next upload sends only the rest', async () => {
    await seedHousehold(6);
    exportPartBytes.set(s.app.context, 14_000);
    const job = await exportAll();
    expect(job.bundles.length).toBeGreaterThanOrEqual(3);
    await startReceiver();
    const bySequence = [...job.bundles].sort((a, b) => a.sequence - b.sequence);

    // The line drops after the first bundle's answer.
    let posts = 0;
    const flaky: typeof fetch = (url, init) => {
      posts += 1;
      return posts === 1 ? fetch(url, init) : Promise.reject(new TypeError('fetch failed'));
    };
    const first = await uploadBundles(s.app.db, [], {
      cityStoreUrl: server!.url,
      stationCode: '79123',
      now: () => new Date('2026-03-02T02:00:00.000Z'),
      sleep: () => Promise.resolve(),
      fetch: flaky,
    });
    expect(first.map((o) => [o.bundleId, o.outcome, o.error?.code ?? null])).toEqual([
      [bySequence[0]!.id, 'receipted', null],
      [bySequence[1]!.id, 'failed', 'UPLOAD_UNREACHABLE'],
    ]);
    const states = new Map((await s.must('sync.bundles', {})).map((b) => [b.id, b.state]));
    expect(bySequence.map((b) => states.get(b.id))).toEqual(
      bySequence.map((_, i) => (i === 0 ? 'receipted' : 'exported')),
    );

    const resumed = await s.must('sync.upload', { bundleIds: [] });
    expect(resumed.map((o) => o.bundleId)).toEqual(bySequence.slice(1).map((b) => b.id));
    expect(resumed.every((o) => o.outcome === 'receipted' && o.attempts === 1)).toBe(true);
    expect(unacknowledged()).toEqual([]);
  });

  it('takes an answer that is no receipt as UPLOAD_BAD_RESPONSE: no record marked, the bundle only `uploaded`', async () => {
    await seedHousehold(1);
    const job = await exportAll();
    garbageServer = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html>Xin chào</html>');
    });
    await new Promise<void>((resolve) => garbageServer!.listen(0, '127.0.0.1', resolve));
    const { port } = garbageServer.address() as AddressInfo;
    await pointStationAt(`http://127.0.0.1:${port}`);

    const outcomes = await s.must('sync.upload', { bundleIds: [] });
    expect(outcomes).toEqual([
      {
        bundleId: job.bundles[0]!.id,
        outcome: 'failed',
        error: expect.objectContaining({ code: 'UPLOAD_BAD_RESPONSE' }) as unknown,
        attempts: 1,
      },
    ]);
    const [bundle] = await s.must('sync.bundles', {});
    expect(bundle).toMatchObject({ state: 'uploaded', receiptedAt: null });
    expect(bundle!.counts).toEqual({
      accepted: 0,
      duplicate: 0,
      rejected: 0,
      pending: job.records,
    });
    expect(unacknowledged()).toHaveLength(2);

    // An `uploaded` bundle is still awaiting its receipt: the real receiver completes it.
    expect((await s.must('sync.status', {})).awaitingReceipt).toBe(1);
    await startReceiver();
    expect((await s.must('sync.upload', { bundleIds: [] }))[0]?.outcome).toBe('receipted');
    expect(unacknowledged()).toEqual([]);
  });
});

describe('sync: receipts the station must not believe blindly', () => {
  async function exportedBundle() {
    const [residentId] = await seedHousehold(1);
    const job = await exportAll();
    const bundle = job.bundles[0]!;
    const row = s.app.db
      .prepare('SELECT bundle_hash AS hash FROM sync_bundles WHERE id = ?')
      .get(bundle.id) as { hash: string };
    return { residentId: residentId!, bundle, bundleHash: row.hash };
  }

  function signedReceipt(
    bundle: { id: string; sequence: number },
    bundleHash: string,
    stationCode: string,
    rejectedType: string | null,
    records: readonly RecordRow[] = bundleRecords(),
  ): Promise<string> {
    return signReceipt(
      {
        receiptId: uuidv4(),
        bundleId: bundle.id,
        bundleHash,
        stationCode,
        sequence: bundle.sequence,
        receivedAt: '2026-03-02T03:00:00.000Z',
        records: records.map((r) =>
          r.type === rejectedType
            ? {
                resourceType: r.type,
                id: r.id,
                versionId: r.version,
                status: 'rejected' as const,
                reason: 'VERSION_OUTDATED',
              }
            : { resourceType: r.type, id: r.id, versionId: r.version, status: 'accepted' as const },
        ),
      },
      cityPrivateKeysOf(ring).receiptKey,
    );
  }

  it('refuses a receipt for another station: RECEIPT_WRONG_STATION, nothing changed', async () => {
    const { bundle, bundleHash } = await exportedBundle();
    const receipt = await signedReceipt(bundle, bundleHash, '79999', null);
    expect(await errorOf(s.call('sync.importReceipt', { text: receipt }))).toMatchObject({
      code: 'SYNC_REFUSED',
      details: { reason: 'RECEIPT_WRONG_STATION' },
    });
    expect((await s.must('sync.bundles', {}))[0]).toMatchObject({
      state: 'exported',
      counts: { pending: bundle.records, accepted: 0 },
    });
    expect(unacknowledged()).toHaveLength(2);
  });

  it('keeps a rejected record in view, unacknowledged, and sends it again only as a new version', async () => {
    const { residentId, bundle, bundleHash } = await exportedBundle();
    const receipt = await signedReceipt(bundle, bundleHash, '79123', 'Patient');
    const summary = await s.must('sync.importReceipt', { text: receipt });
    expect(summary).toMatchObject({ state: 'partlyRejected', counts: { rejected: 1 } });
    const rejected = await s.must('sync.rejected', {});
    expect(rejected).toEqual([
      expect.objectContaining({
        bundleId: bundle.id,
        resourceType: 'Patient',
        resourceId: residentId,
        versionId: '1',
        reason: 'VERSION_OUTDATED',
        kind: 'resident',
        resident: expect.objectContaining({
          id: residentId,
          fullName: 'Nguyễn Văn An',
        }) as unknown,
      }),
    ]);
    // The declaration was accepted; the resident's change waits for a correction.
    expect(unacknowledged().map((row) => [row.kind, row.entityId])).toEqual([
      ['resident', residentId],
    ]);
    expect((await s.must('sync.status', {})).pending.total).toBe(0);
    expect((await exportAll()).bundles).toEqual([]);

    await signInAs(s, 'health_worker');
    const current = await s.must('resident.get', { id: residentId });
    await s.must('resident.update', {
      id: residentId,
      expectedVersion: current.record.version,
      resident: { ...current.record.resident, phones: [{ number: '0912345678' }] } as never,
    });
    await signInAs(s, 'supervisor');
    const corrected = await exportAll();
    const sent = bundleRecords().filter((r) => r.bundleId === corrected.bundles[0]!.id);
    expect(sent.map((r) => [r.type, r.id, r.version])).toEqual([['Patient', residentId, '2']]);

    // Once the city accepts the correction, the rejected version is settled too.
    const correctedHash = (
      s.app.db
        .prepare('SELECT bundle_hash AS hash FROM sync_bundles WHERE id = ?')
        .get(corrected.bundles[0]!.id) as { hash: string }
    ).hash;
    await s.must('sync.importReceipt', {
      text: await signedReceipt(corrected.bundles[0]!, correctedHash, '79123', null, sent),
    });
    expect(await s.must('sync.rejected', {})).toEqual([]);
    expect((await s.must('sync.status', {})).rejected).toBe(0);
    expect(unacknowledged()).toEqual([]);
  });
});

describe('sync: supervisor keys', () => {
  it("retires a supervisor's key when an administrator resets her password; she sets up a new one and is enrolled again", async () => {
    await seedHousehold(1);
    const oldKid = (await s.must('sync.status', {})).supervisorKey?.kid;
    const supervisorId = (
      s.app.db
        .prepare('SELECT id FROM users WHERE username = ?')
        .get(STAFF.supervisor.username) as {
        id: string;
      }
    ).id;
    await signInAs(s, 'administrator');
    await s.must('account.resetPassword', { id: supervisorId, temporaryPassword: 'tamthoi-2026' });
    await s.must('auth.signIn', { username: STAFF.supervisor.username, password: 'tamthoi-2026' });
    await s.must('auth.changePassword', {
      currentPassword: 'tamthoi-2026',
      newPassword: 'matkhaumoi-2026',
      confirmation: 'matkhaumoi-2026',
    });
    expect((await s.must('sync.status', {})).supervisorKey).toBeNull();
    const refused = await errorOf(
      s.call('sync.startExport', {
        password: 'matkhaumoi-2026',
        selection: { from: null, to: null, kinds: [...ALL_KINDS] },
      }),
    );
    expect(refused.code).toBe('NOT_SET_UP');

    const fresh = await s.must('sync.setUpSupervisorKey', { password: 'matkhaumoi-2026' });
    expect(fresh.kid).not.toBe(oldKid);
    const { jobId } = await s.must('sync.startExport', {
      password: 'matkhaumoi-2026',
      selection: { from: null, to: null, kinds: [...ALL_KINDS] },
    });
    await exportJobOf(s.app.context, jobId)!.finished;
    const bundleId = (await s.must('sync.exportProgress', { jobId })).bundles[0]!.id;

    // The city does not know her new key until the new enrollment file is registered.
    const text = await bundleFile(bundleId);
    const receive = () =>
      receiveBundle(text, {
        storage,
        cityKeys: cityPrivateKeysOf(ring),
        now: () => '2026-03-03T00:00:00.000Z',
      });
    await expect(receive()).rejects.toMatchObject({ code: 'BUNDLE_SIGNER_UNKNOWN' });
    await enrollStation();
    const { receiptText } = await receive();
    expect(await s.must('sync.importReceipt', { text: receiptText })).toMatchObject({
      state: 'receipted',
    });
  });
});
