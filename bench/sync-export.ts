/**
 * `bundle.export.100k.s`: the station's real export pipeline (planExport + startExportJob:
 * read the outbox, map each change to FHIR R4, split into parts, seal each with both
 * signatures and the city's key, store every bundle with its records) over N resident changes
 * of the bench's synthetic population, on a fresh encrypted station. The floor is the work no
 * export can avoid: compressing (JWE `zip: DEF`, raw DEFLATE) and hashing (SHA-256) the same
 * canonical bytes. Target: ≤ 10 s and ≤ 3× the floor for 100 000 records.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { describeCurrentKeys, publicJwkSetOf } from '../src-main/city-store/city-keys';
import { initCityStore } from '../src-main/city-store/data-directory';
import { appendOutbox } from '../src-main/db/outbox-repository';
import { insertResident } from '../src-main/db/resident-repository';
import { getStation } from '../src-main/db/station-repository';
import { planExport, startExportJob } from '../src-main/sync/export/export-job';
import { resourcesOfChange } from '../src-main/sync/export/record-resources';
import { stationSigningKey, unlockSupervisorKey } from '../src-main/sync/station-keys';
import { OUTBOX_KINDS } from '../src-shared/ipc/contract-sync';
import { canonicalJson } from '../src-shared/sync/canonical-json';
import { PopulationGenerator, toResident } from './population';
import { Prng } from './prng';
import { STAFF, addStaff, openSetUpStation, signInAs } from '../tests/support/station';

export interface ExportMeasurement {
  seconds: number;
  floorSeconds: number;
  bundles: number;
  bytes: number;
}

const EXPORT_SEED = 2_026_1127;

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function measureExport(records: number): Promise<ExportMeasurement> {
  const cityDirectory = mkdtempSync(join(tmpdir(), 'bench-city-'));
  const s = await openSetUpStation();
  try {
    // The city's keys, imported as an administrator does, with their fingerprints.
    const ring = await initCityStore(cityDirectory, '2026-01-01T00:00:00.000Z');
    const keyFile = JSON.stringify(publicJwkSetOf(ring));
    for (const key of await describeCurrentKeys(ring)) {
      await s.must('sync.importCityKey', {
        text: keyFile,
        confirmedFingerprint: key.fingerprint,
        validFrom: '2026-01-01',
      });
    }
    await addStaff(s, 'supervisor');
    await signInAs(s, 'supervisor');
    await s.must('sync.setUpSupervisorKey', { password: STAFF.supervisor.password });

    // N resident changes written through the repositories, as bench/run.ts seeds: residents
    // of the bench's synthetic population (names, birth dates, personal IDs, health-insurance
    // cards, phones and addresses across the city's communes), so that the canonical bytes
    // are as varied, and compress as a real station's do.
    const db = s.app.db;
    const userId = (
      db.prepare('SELECT id FROM users WHERE username = ?').get(STAFF.supervisor.username) as {
        id: string;
      }
    ).id;
    const people = new PopulationGenerator(new Prng(EXPORT_SEED), {
      stationCommune: getStation(db)!.communeCode,
      today: '2026-11-27',
    });
    db.transaction(() => {
      for (let n = 0; n < records; n += 1) {
        const id = uuidv7();
        const at = new Date(Date.parse('2025-01-01T02:00:00.000Z') + n * 1000).toISOString();
        insertResident(db, {
          id,
          version: 1,
          resident: toResident(people.next()),
          temporaryId: '',
          identifierHistory: [],
          duplicateReview: null,
          at,
          userId,
        });
        appendOutbox(db, {
          entityType: 'resident',
          entityId: id,
          entityVersion: 1,
          operation: 'create',
          at,
        });
      }
    })();

    // A station's idle time copies a bulk import's log back into the database file long
    // before anyone exports (src-main/db/checkpoint.ts), and while she exports the screen
    // asks for progress through dispatch, which keeps the idle checkpoint away. Without that
    // screen, the idle timer set before the seeding would fire inside the measured export
    // and checkpoint the seeding's 100 000 residents there (about 0.7 s).
    s.app.checkpointer.checkpoint();
    s.app.checkpointer.dispose();

    const at = new Date().toISOString();
    const supervisor = await unlockSupervisorKey(db, userId, STAFF.supervisor.password);
    const stationKey = await stationSigningKey(db, s.app.context.secretStore, at, () => {});
    const selection = { from: null, to: null, kinds: OUTBOX_KINDS };

    const started = process.hrtime.bigint();
    const job = startExportJob({
      db,
      now: () => new Date(),
      newId: uuidv7,
      selection,
      signer: {
        userId,
        supervisorKey: supervisor.privateJwk,
        supervisorKid: supervisor.kid,
        stationKey: stationKey.privateJwk,
      },
    });
    await job.finished;
    const seconds = secondsSince(started);
    if (job.state !== 'done') {
      throw new Error(`The export ended ${job.state}: ${job.error?.message ?? ''}`);
    }

    // The floor: the same resources' canonical bytes, compressed and hashed (timed alone).
    const station = getStation(db)!;
    const mapping = {
      db,
      station: { name: station.name, facilityCode: station.facilityCode },
      childBpTable: null,
    };
    const rows = db
      .prepare(
        `SELECT seq, entity_type AS kind, entity_id AS entityId, entity_version AS entityVersion,
             created_at AS createdAt, entity_id AS residentId
           FROM outbox ORDER BY seq`,
      )
      .all() as Parameters<typeof resourcesOfChange>[1][];
    const canonical = Buffer.from(
      rows
        .flatMap((row) =>
          resourcesOfChange(mapping, row).map((resource) => canonicalJson(resource)),
        )
        .join(','),
      'utf8',
    );
    const floorStarted = process.hrtime.bigint();
    createHash('sha256').update(deflateRawSync(canonical)).digest('hex');
    createHash('sha256').update(canonical).digest('hex');
    const floorSeconds = secondsSince(floorStarted);
    if (job.records !== records || planExport(db, selection).changes.length !== 0) {
      throw new Error('The export did not take every seeded change.');
    }
    return { seconds, floorSeconds, bundles: job.bundleIds.length, bytes: job.bytes };
  } finally {
    s.dispose();
    rmSync(cityDirectory, { recursive: true, force: true });
  }
}
