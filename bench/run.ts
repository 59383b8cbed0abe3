/**
 * `npm run bench`: seeds a station with synthetic residents (300 000 by default) through the
 * real repository, then times search, registration and declaration submit through the real
 * dispatch, next to a floor of the same indexed queries run raw; then encrypts the same
 * database as the app does at start-up and times them again (`*.encrypted`, with the plain
 * figure as floor and ratio = encrypted / plain). Writes bench/results.json.
 *
 * Environment: BENCH_RESIDENTS (300000), BENCH_SEARCHES (500 per kind), BENCH_CREATES (300),
 * BENCH_SUBMITS (300), BENCH_SEED (PRNG seed), BENCH_KEEP=1 (keep the data directory),
 * BENCH_RESULTS (output path), BENCH_DIAGNOSTICS=0 (skip the breakdown and query plans).
 * Targets are printed, never asserted: the exit code is non-zero only if the bench crashes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DATABASE_FILE } from '../src-main/app/data-directory';
import { createStationApp, openStationApp, type StationApp } from '../src-main/app/station-app';
import { openDatabase } from '../src-main/db/connection';
import { databaseFileState } from '../src-main/db/encryption';
import { writeDeclarationVersion } from '../src-main/db/declaration-repository';
import { insertResident } from '../src-main/db/resident-repository';
import { FileSecretStore } from '../src-main/security/secret-store';
import { todayInVietnam } from '../src-shared/domain/dates';
import { foldVietnamese } from '../src-shared/domain/name-folding';
import type { Channel } from '../src-shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../src-shared/ipc/contract';
import type { Result } from '../src-shared/ipc/errors';
import { declarationSchema, type Declaration } from '../src-shared/schemas/declaration';
import { residentInputSchema } from '../src-shared/schemas/resident';
import { makeDeclaration } from './declarations';
import {
  captureStatements,
  explain,
  meanCostMs,
  prepareCostMs,
  squash,
  stageBreakdown,
  type StageTimes,
} from './diagnostics';
import { measureIngest, type IngestMeasurement } from './city-ingest';
import { FLOOR_SQL, Floors } from './floors';
import { measureAssessPupil } from './pupil-assessment';
import { measureScreeningSaves } from './screening-save';
import { measureExport, type ExportMeasurement } from './sync-export';
import { type Person, PopulationGenerator, toResident, toResidentInput } from './population';
import { Prng } from './prng';
import { idQueries, nameQueries, phoneQueries, type SearchQuery } from './queries';
import { elapsedMs, fmtInt, fmtMs, round, Samples, table } from './stats';

// ---------------------------------------------------------------- configuration

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.replace(/[_\s]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
}

const RESIDENTS = envInt('BENCH_RESIDENTS', 300_000);
const SEARCHES = envInt('BENCH_SEARCHES', 500);
const CREATES = envInt('BENCH_CREATES', 300);
const SUBMITS = envInt('BENCH_SUBMITS', 300);
/** Screening saves of each kind (elderly, school row); 0 leaves them out. */
const SCREENING_SAVES = envInt('BENCH_SCREENING_SAVES', 300);
/** Records in the city-store ingest measurement; 0 leaves it out. */
const INGEST_RECORDS = envInt('BENCH_INGEST_RECORDS', 100_000);
/** Records in the station-export measurement; 0 leaves it out. */
const EXPORT_RECORDS = envInt('BENCH_EXPORT_RECORDS', 100_000);
const SEED = envInt('BENCH_SEED', 831_2017);
const KEEP = process.env.BENCH_KEEP === '1';
const DIAGNOSTICS = process.env.BENCH_DIAGNOSTICS !== '0';
const BATCH = 10_000;
const WARMUP_SEARCHES = 50;
const WARMUP_WRITES = 20;
/** Share of seeded residents who already have a submitted declaration. */
const DECLARED_SHARE = 0.1;
const SEARCH_LIMIT = 50; // the contract's default, which the renderer relies on

const STATION = { communeCode: '26911', name: 'Trạm Y tế phường Bình Quới', facilityCode: '79123' };
const ADMIN = { username: 'admin', password: 'matkhau2026', fullName: 'Trần Văn Quản' };

const TARGETS: Record<string, number> = {
  'search.name.p95': 5,
  'search.id.p95': 5,
  'search.phone.p95': 5,
  'resident.create.p95': 10,
  'declaration.submit.p95': 10,
  'search.name.p95.encrypted': 5,
  'search.id.p95.encrypted': 5,
  'search.phone.p95.encrypted': 5,
  'resident.create.p95.encrypted': 10,
  'declaration.submit.p95.encrypted': 10,
  'screening.save.p95': 10,
};
/** Seconds, not milliseconds: the city store's ingest of one 100 000-record export. */
const SECONDS_TARGETS: Record<string, number> = {
  'bundle.export.100k.s': 10,
  'bundle.ingest.100k.s': 15,
};
/** The export may cost at most this factor of compressing and hashing the same bytes. */
const MAX_EXPORT_RATIO = 3;
/** Encryption may cost at most this factor on the p95 of the same operation on the same data. */
const MAX_ENCRYPTION_RATIO = 2;
const ENCRYPTION_RATIO_TARGETS = [
  'search.name.p95.encrypted',
  'search.id.p95.encrypted',
  'declaration.submit.p95.encrypted',
];

// ---------------------------------------------------------------- helpers

interface Metric {
  value: number;
  unit: string;
  floor?: number;
  ratio?: number;
}

const metrics: Record<string, Metric> = {};

function record(name: string, value: number, unit: string, floor?: number): void {
  const metric: Metric = { value: round(value, unit === 'ms' ? 4 : 2), unit };
  if (floor !== undefined) {
    metric.floor = round(floor, 4);
    metric.ratio = round(value / floor, 2);
  }
  metrics[name] = metric;
}

function log(line = ''): void {
  console.log(line);
}

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bench'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

function fileSizeMb(file: string): number {
  let bytes = 0;
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) bytes += statSync(f).size;
  return bytes / (1024 * 1024);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

class Station {
  constructor(readonly app: StationApp) {}

  async call<C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>> {
    return (await this.app.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  }

  async must<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await this.call(channel, input);
    if (!result.ok)
      throw new Error(`${channel} failed: ${JSON.stringify(result.error).slice(0, 500)}`);
    return result.value;
  }
}

// ---------------------------------------------------------------- seeding

interface Seeded {
  people: Person[];
  ids: string[];
  declared: boolean[];
  generator: PopulationGenerator;
  rng: Prng;
}

/** Checks that synthetic data is what the real schemas would accept and store. */
function validateSample(people: readonly Person[], rng: Prng, today: string): void {
  for (const p of people.slice(0, 300)) {
    const parsed = residentInputSchema.safeParse(toResidentInput(p));
    if (!parsed.success) {
      throw new Error(
        `synthetic resident rejected by the schema: ${p.fullName} ${p.personalId}: ${parsed.error.message}`,
      );
    }
    // The create handler stores a "same as current" permanent address as a copy; so does the seed.
    const stored = parsed.data.permanentSameAsCurrent
      ? { ...parsed.data, permanentAddress: { ...parsed.data.currentAddress } }
      : parsed.data;
    if (stableJson(stored) !== stableJson(toResident(p))) {
      throw new Error(`stored shape differs from the parsed resident for ${p.fullName}`);
    }
    const declaration = makeDeclaration(rng, p, today);
    const d = declarationSchema.safeParse(declaration);
    if (!d.success) throw new Error(`synthetic declaration rejected: ${d.error.message}`);
    if (stableJson(d.data) !== stableJson(declaration)) {
      throw new Error(`stored declaration shape differs from the parsed one for ${p.fullName}`);
    }
  }
}

async function seed(station: Station, userId: string, today: string): Promise<Seeded> {
  const db = station.app.db;
  const rng = new Prng(SEED);
  const generator = new PopulationGenerator(rng, { stationCommune: STATION.communeCode, today });
  const people: Person[] = [];
  const ids: string[] = [];
  const declared: boolean[] = [];

  // Registrations spread over the last two years, in order, like a real register.
  const endMs = Date.parse(`${today}T02:00:00Z`) - 86_400_000;
  const startMs = endMs - 2 * 365 * 86_400_000;
  const stepMs = (endMs - startMs) / Math.max(1, RESIDENTS);

  interface Row {
    person: Person;
    id: string;
    at: string;
    declaration: { id: string; value: Declaration } | null;
  }
  const writeBatch = db.transaction((rows: Row[]) => {
    for (const row of rows) {
      insertResident(db, {
        id: row.id,
        version: 1,
        resident: toResident(row.person),
        temporaryId: '',
        identifierHistory: [],
        duplicateReview: null,
        at: row.at,
        userId,
      });
      if (row.declaration) {
        writeDeclarationVersion(db, {
          declarationId: row.declaration.id,
          residentId: row.id,
          version: 1,
          declaration: row.declaration.value,
          at: row.at,
          userId,
        });
      }
    }
  });

  log(
    `Seeding ${fmtInt(RESIDENTS)} residents (${BATCH.toLocaleString('en')} per transaction, seed ${SEED})…`,
  );
  const started = process.hrtime.bigint();
  let writeMs = 0;
  let declarations = 0;
  for (let done = 0; done < RESIDENTS;) {
    const size = Math.min(BATCH, RESIDENTS - done);
    const rows: Row[] = [];
    for (let i = 0; i < size; i++) {
      const person = generator.next();
      const atMs = startMs + (done + i) * stepMs;
      const id = rng.uuidv7(atMs);
      const declaration = rng.chance(DECLARED_SHARE)
        ? { id: rng.uuidv7(atMs), value: makeDeclaration(rng, person, today) }
        : null;
      rows.push({ person, id, at: new Date(atMs).toISOString(), declaration });
      people.push(person);
      ids.push(id);
      declared.push(declaration !== null);
      if (declaration) declarations += 1;
    }
    if (done === 0) validateSample(people, new Prng(SEED + 99), today);
    const t = process.hrtime.bigint();
    writeBatch(rows);
    writeMs += elapsedMs(t);
    done += size;
    const wallS = elapsedMs(started) / 1000;
    log(
      `  ${fmtInt(done).padStart(9)} / ${fmtInt(RESIDENTS)}  ` +
        `${fmtInt(done / wallS).padStart(7)} rows/s overall, ${fmtInt((done / writeMs) * 1000).padStart(7)} rows/s in transactions`,
    );
  }
  const wallS = elapsedMs(started) / 1000;
  record('seed.rate', RESIDENTS / wallS, 'rows/s');
  record('seed.writeRate', RESIDENTS / (writeMs / 1000), 'rows/s');
  record('seed.duration', wallS, 's');
  record('seed.declarations', declarations, 'count');
  log(
    `Seeded ${fmtInt(RESIDENTS)} residents and ${fmtInt(declarations)} declarations in ${wallS.toFixed(1)} s ` +
      `(${fmtInt(RESIDENTS / wallS)} rows/s; ${fmtInt(RESIDENTS / (writeMs / 1000))} rows/s inside transactions)`,
  );
  return { people, ids, declared, generator, rng };
}

// ---------------------------------------------------------------- measurements

interface SearchRun {
  dispatch: Samples;
  floor: Samples;
  byKind: Map<string, Samples>;
  meanResults: number;
}

async function measureSearch(
  station: Station,
  label: string,
  warmup: readonly SearchQuery[],
  queries: readonly SearchQuery[],
  ids: readonly string[],
  floor: (q: SearchQuery) => unknown[],
): Promise<SearchRun> {
  // A full ID or phone must find the resident it was taken from; a prefix or a common name
  // may legitimately return the first 50 others, but never nothing.
  const mustFind = (q: SearchQuery) => q.kind === 'full ID' || q.kind === 'full phone';
  for (const q of warmup) {
    await station.must('resident.search', { query: q.query });
    floor(q);
  }
  const run: SearchRun = {
    dispatch: new Samples(),
    floor: new Samples(),
    byKind: new Map(),
    meanResults: 0,
  };
  let results = 0;
  let missed = 0;
  const counts: number[] = [];
  // Dispatch first, then the floor over the same queries, in two separate passes: run right
  // after the dispatch call, the floor would find that call's pages still in SQLite's page
  // cache and look about twice as fast as it is (measured: an immediate repeat of an ID-prefix
  // query takes half the time). Between passes, 500 other queries have cycled the cache.
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const result = await station.call('resident.search', { query: q.query });
    const ms = elapsedMs(t0);
    if (!result.ok) throw new Error(`search "${q.query}" failed: ${result.error.code}`);
    run.dispatch.add(ms);
    if (!run.byKind.has(q.kind)) run.byKind.set(q.kind, new Samples());
    run.byKind.get(q.kind)?.add(ms);
    const found = result.value.results;
    counts.push(found.length);
    results += found.length;
    const expected = ids[q.expectedIndex];
    if (found.length === 0 || (mustFind(q) && !found.some((r) => r.id === expected))) missed += 1;
  }
  queries.forEach((q, i) => {
    const t0 = process.hrtime.bigint();
    const rows = floor(q);
    run.floor.add(elapsedMs(t0));
    if (rows.length !== counts[i]) {
      throw new Error(`search "${q.query}": dispatch found ${counts[i]}, floor ${rows.length}`);
    }
  });
  if (missed > 0)
    throw new Error(`${label}: ${missed} queries did not find the resident they came from`);
  run.meanResults = results / queries.length;
  return run;
}

// ---------------------------------------------------------------- main

interface SubmitTarget {
  person: Person;
  id: string;
  declared: boolean;
}

interface RegistryInputs {
  nameSet: SearchQuery[];
  idSet: SearchQuery[];
  phoneSet: SearchQuery[];
  ids: readonly string[];
  /** Residents whose declaration is submitted: each at most once per pass. */
  submitTargets: SubmitTarget[];
  newPeople: () => Person;
  today: string;
  /** PRNG seed for the submitted declarations. */
  declarationSeed: number;
}

interface RegistryRun {
  name: SearchRun;
  id: SearchRun;
  phone: SearchRun;
  secondQueryShare: number;
  create: Samples;
  guarded: Samples;
  submit: Samples;
  updates: number;
}

/** Searches, registrations and declaration submits through dispatch, on one open station. */
async function measureRegistry(station: Station, input: RegistryInputs): Promise<RegistryRun> {
  const floors = new Floors(station.app.db);
  // 3. Searches: dispatch next to the raw floor.
  log(`Searching (${WARMUP_SEARCHES} warm-up + ${SEARCHES} per kind, limit ${SEARCH_LIMIT})…`);
  const nameFloor = (q: SearchQuery) => floors.name(foldVietnamese(q.query), SEARCH_LIMIT);
  const idFloor = (q: SearchQuery) => floors.identifier(q.query, SEARCH_LIMIT);
  const name = await measureSearch(
    station,
    'search.name',
    input.nameSet.slice(0, WARMUP_SEARCHES),
    input.nameSet.slice(WARMUP_SEARCHES),
    input.ids,
    nameFloor,
  );
  const secondQueryShare = floors.secondQueryRuns / (WARMUP_SEARCHES + SEARCHES);
  const id = await measureSearch(
    station,
    'search.id',
    input.idSet.slice(0, WARMUP_SEARCHES),
    input.idSet.slice(WARMUP_SEARCHES),
    input.ids,
    idFloor,
  );
  const phone = await measureSearch(
    station,
    'search.phone',
    input.phoneSet.slice(0, WARMUP_SEARCHES),
    input.phoneSet.slice(WARMUP_SEARCHES),
    input.ids,
    idFloor,
  );

  // 4. Registrations through dispatch; the name + date-of-birth guard is a valid outcome.
  log(`Registering residents (${WARMUP_WRITES} warm-up + ${CREATES})…`);
  for (let i = 0; i < WARMUP_WRITES; i++) {
    const r = await station.call('resident.create', {
      resident: toResidentInput(input.newPeople()),
    });
    if (!r.ok && r.error.code !== 'DUPLICATE_CANDIDATES')
      throw new Error(`create: ${r.error.code}`);
  }
  const create = new Samples();
  const guarded = new Samples();
  let attempts = 0;
  while (create.count < CREATES) {
    if (++attempts > CREATES * 3)
      throw new Error('too many creates refused by the duplicate guard');
    const resident = { resident: toResidentInput(input.newPeople()) };
    const t0 = process.hrtime.bigint();
    const r = await station.call('resident.create', resident);
    const ms = elapsedMs(t0);
    if (r.ok) create.add(ms);
    else if (r.error.code === 'DUPLICATE_CANDIDATES') guarded.add(ms);
    else throw new Error(`create failed: ${JSON.stringify(r.error).slice(0, 400)}`);
  }

  // 5. Declarations for existing residents, from the version the form was opened on.
  log(`Submitting declarations (${WARMUP_WRITES} warm-up + ${SUBMITS})…`);
  const drng = new Prng(input.declarationSeed);
  const submitOne = async (target: SubmitTarget) => {
    const current = await station.must('declaration.current', { residentId: target.id });
    const baseVersion = current.latest?.version ?? 0;
    if (baseVersion > 0 !== target.declared)
      throw new Error('declaration head does not match the seed');
    const declaration = {
      residentId: target.id,
      baseVersion,
      declaration: makeDeclaration(drng, target.person, input.today),
    };
    const t0 = process.hrtime.bigint();
    const r = await station.call('declaration.submit', declaration);
    const ms = elapsedMs(t0);
    if (!r.ok) throw new Error(`submit failed: ${JSON.stringify(r.error).slice(0, 400)}`);
    if (r.value.version !== baseVersion + 1) throw new Error('submit wrote an unexpected version');
    return { ms, update: baseVersion > 0 };
  };
  for (const target of input.submitTargets.slice(0, WARMUP_WRITES)) await submitOne(target);
  const submit = new Samples();
  let updates = 0;
  for (const target of input.submitTargets.slice(WARMUP_WRITES, WARMUP_WRITES + SUBMITS)) {
    const { ms, update } = await submitOne(target);
    submit.add(ms);
    if (update) updates += 1;
  }
  return { name, id, phone, secondQueryShare, create, guarded, submit, updates };
}

function resultsTable(run: RegistryRun): string {
  const row = (label: string, s: Samples, f?: Samples, note = '') => [
    label,
    String(s.count),
    fmtMs(s.p50),
    fmtMs(s.p95),
    fmtMs(s.p99),
    fmtMs(s.max),
    f ? fmtMs(f.p50) : '',
    f ? fmtMs(f.p95) : '',
    f ? `${(s.p95 / f.p95).toFixed(1)}×` : '',
    note,
  ];
  return table(
    [
      'operation (ms)',
      'n',
      'p50',
      'p95',
      'p99',
      'max',
      'floor p50',
      'floor p95',
      'p95/floor',
      'note',
    ],
    [
      row(
        'search.name',
        run.name.dispatch,
        run.name.floor,
        `${run.name.meanResults.toFixed(1)} hits/query`,
      ),
      row(
        'search.id',
        run.id.dispatch,
        run.id.floor,
        `${run.id.meanResults.toFixed(1)} hits/query`,
      ),
      row(
        'search.phone',
        run.phone.dispatch,
        run.phone.floor,
        `${run.phone.meanResults.toFixed(1)} hits/query`,
      ),
      row('resident.create', run.create, undefined, `${run.guarded.count} hit the duplicate guard`),
      row('declaration.submit', run.submit, undefined, `${run.updates} were new versions`),
    ],
  );
}

/** The operations compared plain vs encrypted, by metric name. */
function operations(run: RegistryRun): [string, Samples][] {
  return [
    ['search.name', run.name.dispatch],
    ['search.id', run.id.dispatch],
    ['search.phone', run.phone.dispatch],
    ['resident.create', run.create],
    ['declaration.submit', run.submit],
  ];
}

async function main(): Promise<void> {
  const root = findProjectRoot(__dirname);
  const resultsFile = resolve(process.env.BENCH_RESULTS ?? join(root, 'bench', 'results.json'));
  const dataDirectory = mkdtempSync(join(tmpdir(), 'ward-bench-'));
  const dbFile = join(dataDirectory, DATABASE_FILE);
  const today = todayInVietnam();
  let app: StationApp | null = null;
  const cleanup = () => {
    try {
      app?.close();
    } catch {
      // already closed
    }
    app = null;
    if (KEEP) log(`Data directory kept (BENCH_KEEP=1): ${dataDirectory}`);
    else rmSync(dataDirectory, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  log('Ward Health Station — benchmark');
  log(
    `Node ${process.version}, ${process.platform}/${process.arch}; data directory ${dataDirectory}`,
  );
  log(
    `Residents ${fmtInt(RESIDENTS)}; searches ${SEARCHES} per kind, creates ${CREATES}, submits ${SUBMITS}; today ${today}`,
  );
  log();

  // Plain and encrypted are measured on the same data, seeded once. Seeding 300 000 residents
  // is most of the bench's time; seeding twice would double it. So the station is seeded and
  // measured as a plain database (the figures of earlier versions, and the floor the
  // encrypted ones are compared with: on the same data, ratio = encrypted / plain), then the
  // app encrypts it in place exactly as it does at start-up for a station upgraded from an
  // earlier version (openStationApp: VACUUM INTO a copy, rekey, verify, rename; timed as
  // encryption.migrate.duration), and the same searches, and as many new registrations and
  // submits, are measured again on the encrypted database. The only difference in content is
  // the plain pass's own writes (a few hundred rows in 300 000). The app itself never opens a
  // plain station: the plain pass builds its station on a key-less connection
  // (createStationApp), which only tests and this bench do.
  const plainApp = () =>
    createStationApp(openDatabase(dbFile, { key: null }), {
      dataDirectory,
      shell: 'browser',
      version: 'bench',
    });

  try {
    // 1. A fresh station, set up through dispatch: real schema, indexes and administrator.
    app = plainApp();
    let station = new Station(app);
    const session = await station.must('setup.initialize', {
      station: STATION,
      administrator: { ...ADMIN, passwordConfirmation: ADMIN.password },
    });
    const seeded = await seed(station, session.user.id, today);
    app.close();
    app = null;
    const sizeMb = fileSizeMb(dbFile);
    record('residents', RESIDENTS, 'residents');
    record('db.size', sizeMb, 'MB');
    log(`Database file: ${sizeMb.toFixed(1)} MB`);

    // 2. Reopen as the app would on the next start, and sign in.
    app = plainApp();
    station = new Station(app);
    await station.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });

    // Everything the measurements draw on, taken before the population is let go.
    const qrng = new Prng(SEED + 1);
    const people = seeded.people;
    const nameSet = nameQueries(qrng, people, WARMUP_SEARCHES + SEARCHES);
    const idSet = idQueries(qrng, people, WARMUP_SEARCHES + SEARCHES);
    const phoneSet = phoneQueries(qrng, people, WARMUP_SEARCHES + SEARCHES);
    // Disjoint submit targets: the plain pass, its diagnostics, and the encrypted pass.
    const perPass = WARMUP_WRITES + SUBMITS;
    const diagnosticTargets = DIAGNOSTICS ? 100 : 0;
    const submitTargets: SubmitTarget[] = [];
    const chosen = new Set<number>();
    while (submitTargets.length < 2 * perPass + diagnosticTargets) {
      if (chosen.size >= people.length) throw new Error('not enough residents to submit for');
      const i = qrng.int(0, people.length - 1);
      if (chosen.has(i)) continue;
      chosen.add(i);
      submitTargets.push({
        person: people[i] as Person,
        id: seeded.ids[i] as string,
        declared: seeded.declared[i] as boolean,
      });
    }
    const ids = seeded.ids;
    people.length = 0; // let the population go: only what the measurements need stays
    const newPeople = () => seeded.generator.next();
    const inputs = (targets: SubmitTarget[], declarationSeed: number): RegistryInputs => ({
      nameSet,
      idSet,
      phoneSet,
      ids,
      submitTargets: targets,
      newPeople,
      today,
      declarationSeed,
    });

    log();
    log('Plain database');
    log('--------------');
    const plain = await measureRegistry(station, inputs(submitTargets.slice(0, perPass), SEED + 2));
    const plainCheckpointMs = timeIdleCheckpoint(station.app);
    record('wal.checkpoint.idle', plainCheckpointMs, 'ms');
    for (const [key, run] of [
      ['search.name', plain.name],
      ['search.id', plain.id],
      ['search.phone', plain.phone],
    ] as const) {
      record(`${key}.p50`, run.dispatch.p50, 'ms', run.floor.p50);
      record(`${key}.p95`, run.dispatch.p95, 'ms', run.floor.p95);
      record(`${key}.p99`, run.dispatch.p99, 'ms', run.floor.p99);
    }
    for (const [key, s] of operations(plain).slice(3)) {
      record(`${key}.p50`, s.p50, 'ms');
      record(`${key}.p95`, s.p95, 'ms');
      record(`${key}.p99`, s.p99, 'ms');
    }
    record('resident.create.duplicateGuard', plain.guarded.count, 'count');

    // 6. Results.
    log();
    log(resultsTable(plain));
    log();
    log('Search by query shape (dispatch):');
    log(
      table(
        ['shape', 'n', 'p50', 'p95', 'max'],
        [...plain.name.byKind, ...plain.id.byKind].map(([kind, s]) => [
          kind,
          String(s.count),
          fmtMs(s.p50),
          fmtMs(s.p95),
          fmtMs(s.max),
        ]),
      ),
    );
    log(
      `Name searches that also ran the given-name-first query: ${(plain.secondQueryShare * 100).toFixed(0)} %`,
    );

    if (DIAGNOSTICS) {
      await diagnose(station, {
        nameQueries: nameSet.slice(WARMUP_SEARCHES, WARMUP_SEARCHES + 200),
        idQueries: idSet.slice(WARMUP_SEARCHES, WARMUP_SEARCHES + 200),
        newPeople,
        submitTargets: submitTargets.slice(2 * perPass),
        today,
        writes: { create: plain.create, submit: plain.submit },
      });
    }
    app.close();
    app = null;

    // 7. The same station encrypted by the app's start-up migration, and measured again.
    log();
    log('Encrypted database (AEGIS-256, raw 256-bit key)');
    log('-------------------------------------------------');
    const plainSizeMb = fileSizeMb(dbFile);
    const migrationStart = process.hrtime.bigint();
    app = openStationApp({
      dataDirectory,
      shell: 'browser',
      version: 'bench',
      secretStore: new FileSecretStore(dataDirectory),
    });
    const migrationS = elapsedMs(migrationStart) / 1000;
    if (databaseFileState(dbFile) !== 'encrypted')
      throw new Error('the database was not encrypted');
    record('encryption.migrate.duration', migrationS, 's');
    record('db.size.encrypted', fileSizeMb(dbFile), 'MB', plainSizeMb);
    log(
      `Encrypted ${plainSizeMb.toFixed(1)} MB in place at start-up in ${migrationS.toFixed(1)} s ` +
        `(${fileSizeMb(dbFile).toFixed(1)} MB encrypted)`,
    );
    station = new Station(app);
    await station.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const encrypted = await measureRegistry(
      station,
      inputs(submitTargets.slice(perPass, 2 * perPass), SEED + 4),
    );
    record(
      'wal.checkpoint.idle.encrypted',
      timeIdleCheckpoint(station.app),
      'ms',
      plainCheckpointMs,
    );
    log();
    log(resultsTable(encrypted));
    const plainOps = new Map(operations(plain));
    for (const [key, s] of operations(encrypted)) {
      const base = plainOps.get(key) as Samples;
      record(`${key}.p50.encrypted`, s.p50, 'ms', base.p50);
      record(`${key}.p95.encrypted`, s.p95, 'ms', base.p95);
    }
    log();
    log('Encrypted vs plain (dispatch p95, same data):');
    log(
      table(
        ['operation', 'plain p95', 'encrypted p95', 'encrypted / plain'],
        operations(encrypted).map(([key, s]) => {
          const base = plainOps.get(key) as Samples;
          return [key, fmtMs(base.p95), fmtMs(s.p95), `${(s.p95 / base.p95).toFixed(2)}×`];
        }),
      ),
    );

    // Screening saves on the same encrypted station (issue: save p95 ≤ 10 ms); 0 leaves them out.
    if (SCREENING_SAVES > 0) {
      log();
      log(`Saving screenings (${WARMUP_WRITES} warm-up + ${SCREENING_SAVES} each, encrypted)…`);
      const screenings = await measureScreeningSaves(station, {
        count: SCREENING_SAVES,
        warmup: WARMUP_WRITES,
        today,
      });
      record('screening.save.elderly.p50', screenings.elderly.p50, 'ms');
      record('screening.save.elderly.p95', screenings.elderly.p95, 'ms');
      record('screening.save.school.p50', screenings.school.p50, 'ms');
      record('screening.save.school.p95', screenings.school.p95, 'ms');
      record('screening.save.p95', Math.max(screenings.elderly.p95, screenings.school.p95), 'ms');
      log(
        `Screening save p95: elderly ${fmtMs(screenings.elderly.p95)} ms, school row ${fmtMs(screenings.school.p95)} ms`,
      );
    }
    const growth = measureAssessPupil();
    record('zscore.per_pupil.us', growth.perPupilMicroseconds, 'µs');
    log(`WHO z-scores and classification per pupil: ${growth.perPupilMicroseconds.toFixed(1)} µs`);

    // A station's export of 100 000 records: select, FHIR mapping, canonical JSON, compress,
    // encrypt, sign; the floor is compressing and hashing the same canonical bytes.
    if (EXPORT_RECORDS > 0) {
      log();
      log(`Station export: ${fmtInt(EXPORT_RECORDS)} records into signed, encrypted bundles…`);
      const exported = await inItsOwnProcess<ExportMeasurement>(EXPORT_ARGUMENT, EXPORT_RECORDS);
      record('bundle.export.100k.s', exported.seconds, 's', exported.floorSeconds);
      log(
        `Export: ${exported.seconds.toFixed(1)} s (${exported.bundles} bundles, ` +
          `${(exported.bytes / 1e6).toFixed(1)} MB); floor ${exported.floorSeconds.toFixed(2)} s`,
      );
    }

    // The reference city store ingesting one station's export.
    if (INGEST_RECORDS > 0) {
      log();
      log(`City store: ingesting ${fmtInt(INGEST_RECORDS)} records (FHIR-validated, then not)…`);
      const { validated: ingest, raw: ingestRaw } = await inItsOwnProcess<IngestPair>(
        INGEST_ARGUMENT,
        INGEST_RECORDS,
      );
      record('bundle.ingest.100k.s', ingest.seconds, 's', ingestRaw.seconds);
      record('bundle.ingest.100k.unvalidated.s', ingestRaw.seconds, 's');
      log(
        `Ingest: ${ingest.seconds.toFixed(1)} s with FHIR validation, ${ingestRaw.seconds.toFixed(1)} s without ` +
          `(${ingest.perRecordMicroseconds.toFixed(0)} / ${ingestRaw.perRecordMicroseconds.toFixed(0)} µs per record)`,
      );
    }

    record(
      'residents.final',
      (app.db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n,
      'residents',
    );

    log();
    log('Targets:');
    for (const [key, limit] of Object.entries(TARGETS)) {
      const m = metrics[key];
      if (!m) continue;
      log(
        `  ${key.padEnd(42)} ${fmtMs(m.value).padStart(8)} ms  ≤ ${limit} ms  ${m.value <= limit ? 'met' : 'MISSED'}`,
      );
    }
    for (const [key, limit] of Object.entries(SECONDS_TARGETS)) {
      const m = metrics[key];
      if (!m) continue;
      log(
        `  ${key.padEnd(42)} ${m.value.toFixed(1).padStart(8)} s   ≤ ${limit} s   ${m.value <= limit ? 'met' : 'MISSED'}`,
      );
    }
    const exportMetric = metrics['bundle.export.100k.s'];
    if (exportMetric?.ratio !== undefined) {
      log(
        `  ${'bundle.export.100k.s / floor'.padEnd(42)} ${`${exportMetric.ratio.toFixed(2)}×`.padStart(8)}     ≤ ${MAX_EXPORT_RATIO}×    ${exportMetric.ratio <= MAX_EXPORT_RATIO ? 'met' : 'MISSED'}`,
      );
    }
    for (const key of ENCRYPTION_RATIO_TARGETS) {
      const m = metrics[key];
      if (!m || m.ratio === undefined) continue;
      log(
        `  ${`${key} / plain`.padEnd(42)} ${`${m.ratio.toFixed(2)}×`.padStart(8)}     ≤ ${MAX_ENCRYPTION_RATIO}×    ${m.ratio <= MAX_ENCRYPTION_RATIO ? 'met' : 'MISSED'}`,
      );
    }

    writeFileSync(resultsFile, `${JSON.stringify(metrics, null, 2)}\n`);
    log();
    log(`Wrote ${resultsFile}`);
  } finally {
    cleanup();
  }
}

/**
 * The checkpoint the app runs once calls stop (src-main/db/checkpoint.ts): what the log of a
 * measurement pass costs to copy back, paid in a quiet second rather than inside a save.
 */
function timeIdleCheckpoint(app: StationApp): number {
  const t0 = process.hrtime.bigint();
  const frames = app.checkpointer.checkpoint();
  const ms = elapsedMs(t0);
  log(`Idle-time checkpoint: ${frames} log frames copied back in ${fmtMs(ms)} ms`);
  return ms;
}

// ---------------------------------------------------------------- diagnostics

interface DiagnoseInput {
  nameQueries: SearchQuery[];
  idQueries: SearchQuery[];
  newPeople: () => Person;
  submitTargets: { person: Person; id: string; declared: boolean }[];
  today: string;
  /** Timed writes in the main measurement, to count the slow ones. */
  writes: { create: Samples; submit: Samples };
}

async function diagnose(station: Station, input: DiagnoseInput): Promise<void> {
  const app = station.app;
  const db = app.db;
  log();
  log('Diagnostics');
  log('-----------');

  // Where the time goes inside dispatch.
  const drng = new Prng(SEED + 3);
  const stages: [string, StageTimes][] = [
    [
      'search.name',
      await stageBreakdown(
        app.context,
        'resident.search',
        input.nameQueries.map((q) => ({ query: q.query })),
      ),
    ],
    [
      'search.id',
      await stageBreakdown(
        app.context,
        'resident.search',
        input.idQueries.map((q) => ({ query: q.query })),
      ),
    ],
    [
      'resident.create',
      await stageBreakdown(
        app.context,
        'resident.create',
        Array.from({ length: 100 }, () => ({ resident: toResidentInput(input.newPeople()) })),
      ),
    ],
  ];
  const submitInputs: unknown[] = [];
  for (const target of input.submitTargets) {
    const current = await station.must('declaration.current', { residentId: target.id });
    submitInputs.push({
      residentId: target.id,
      baseVersion: current.latest?.version ?? 0,
      declaration: makeDeclaration(drng, target.person, input.today),
    });
  }
  stages.push([
    'declaration.submit',
    await stageBreakdown(app.context, 'declaration.submit', submitInputs),
  ]);
  log('Dispatch stages (ms): contract input parse → handler (SQL + JSON) → contract output parse');
  log(
    table(
      [
        'operation',
        'n',
        'input p50',
        'handler p50',
        'output p50',
        'total p50',
        'input p95',
        'handler p95',
        'output p95',
        'total p95',
      ],
      stages.map(([label, t]) => [
        label,
        String(t.total.count),
        fmtMs(t.inputParse.p50),
        fmtMs(t.handler.p50),
        fmtMs(t.outputParse.p50),
        fmtMs(t.total.p50),
        fmtMs(t.inputParse.p95),
        fmtMs(t.handler.p95),
        fmtMs(t.outputParse.p95),
        fmtMs(t.total.p95),
      ]),
    ),
  );
  for (const [label, t] of stages) {
    for (const stage of ['inputParse', 'handler', 'outputParse'] as const) {
      record(`breakdown.${label}.${stage}.p50`, t[stage].p50, 'ms');
      record(`breakdown.${label}.${stage}.p95`, t[stage].p95, 'ms');
    }
    if (t.refused.size > 0)
      log(`  ${label}: refused ${JSON.stringify(Object.fromEntries(t.refused))}`);
  }

  // The SQL each operation really runs, with its plan.
  const probes: [string, () => Promise<unknown>][] = [
    ['search "nguyen thi h"', () => station.must('resident.search', { query: 'nguyen thi h' })],
    // A given name matches no family name, so this also runs the given-name-first query.
    ['search "trang"', () => station.must('resident.search', { query: 'trang' })],
    ['search "079185"', () => station.must('resident.search', { query: '079185' })],
    [
      'resident.create',
      () => station.call('resident.create', { resident: toResidentInput(input.newPeople()) }),
    ],
  ];
  const submitProbe = submitInputs[0];
  if (submitProbe) {
    const target = input.submitTargets[0] as DiagnoseInput['submitTargets'][number];
    probes.push([
      'declaration.submit',
      async () => {
        const current = await station.must('declaration.current', { residentId: target.id });
        return station.call('declaration.submit', {
          residentId: target.id,
          baseVersion: current.latest?.version ?? 0,
          declaration: makeDeclaration(drng, target.person, input.today),
        });
      },
    ]);
  }
  log();
  log('Statements prepared per call and their query plans:');
  const floorSql = new Set(Object.values(FLOOR_SQL).map(squash));
  const seenPlans = new Set<string>();
  let searchSqlChecked = 0;
  for (const [label, fn] of probes) {
    const captured = await captureStatements(db, fn);
    const prepareMs = captured.reduce((a, s) => a + s.prepareMs, 0);
    log(`  ${label}: ${captured.length} db.prepare calls, ${prepareMs.toFixed(3)} ms compiling`);
    for (const statement of captured) {
      if (label.startsWith('search') && /FROM residents r/.test(statement.sql)) {
        searchSqlChecked += 1;
        if (!floorSql.has(squash(statement.sql))) {
          log(
            `    WARNING: repository search SQL differs from the floor's copy: ${squash(statement.sql)}`,
          );
        }
      }
      const report = explain(db, statement);
      if (!report || seenPlans.has(report.sql)) continue;
      seenPlans.add(report.sql);
      log(`    ${report.sql.length > 150 ? `${report.sql.slice(0, 147)}…` : report.sql}`);
      for (const line of report.plan) log(`      ${line}`);
      for (const s of report.suspicious) log(`      ^ check: ${s}`);
    }
  }
  if (searchSqlChecked === 0)
    log('  WARNING: no search SQL captured; the floor may not match the repository');

  // Fixed costs paid on every call.
  const prepareName = prepareCostMs(db, FLOOR_SQL.byFullName);
  const prepareId = prepareCostMs(db, FLOOR_SQL.byIdentifier);
  const today = meanCostMs(() => todayInVietnam(), 500);
  const fold = meanCostMs(() => foldVietnamese('Nguyễn Thị Thu Trang'));
  log();
  log('Fixed costs (mean per call):');
  log(
    `  db.prepare of the name-search SQL     ${(prepareName * 1000).toFixed(1)} µs (repeated on every call: no statement cache)`,
  );
  log(`  db.prepare of the identifier SQL      ${(prepareId * 1000).toFixed(1)} µs`);
  log(
    `  todayInVietnam() (new Intl formatter) ${(today * 1000).toFixed(1)} µs (per resident parse, per vaccination parse)`,
  );
  log(`  foldVietnamese(full name)             ${(fold * 1000).toFixed(1)} µs`);
  // todayInVietnam builds a new Intl.DateTimeFormat on every call. A submit calls it once per
  // vaccination in the input parse, again in the output parse (the version schema embeds the
  // declaration schema), and once in the cross-check; a create once per parse, twice in all.
  const submitP50 = metrics['declaration.submit.p50']?.value;
  const createP50 = metrics['resident.create.p50']?.value;
  const perSubmit = 2 * 3 + 1;
  if (submitP50 && createP50) {
    log(
      `  → ≈ ${perSubmit} todayInVietnam calls per submit (3 doses) ≈ ${(perSubmit * today).toFixed(2)} ms ` +
        `of its ${fmtMs(submitP50)} ms p50; 2 per create ≈ ${(2 * today).toFixed(2)} ms of ${fmtMs(createP50)} ms`,
    );
  }
  record('cost.prepare.nameSearch', prepareName, 'ms');
  record('cost.todayInVietnam', today, 'ms');

  await checkpointProbe(station, input);
}

/**
 * Slow writes: SQLite's WAL auto-checkpoint (every 1000 pages by default) runs inside the
 * commit that crosses the threshold, so one write in many pays for copying the whole WAL
 * into the database file. Measured here with auto-checkpoint briefly off on this connection:
 * pages written per registration, and the time a checkpoint of them takes.
 */
async function checkpointProbe(station: Station, input: DiagnoseInput): Promise<void> {
  const db = station.app.db;
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const slow = (s: Samples) => s.values.filter((ms) => ms > 5).length;
  log();
  log('Write latency outliers:');
  log(
    `  writes over 5 ms: ${slow(input.writes.create)} of ${input.writes.create.count} creates ` +
      `(max ${fmtMs(input.writes.create.max)} ms), ${slow(input.writes.submit)} of ` +
      `${input.writes.submit.count} submits (max ${fmtMs(input.writes.submit.max)} ms)`,
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  let created = 0;
  let frames = 0;
  let checkpointMs = 0;
  const quiet = new Samples();
  try {
    for (let i = 0; i < 100; i++) {
      const t0 = process.hrtime.bigint();
      const r = await station.call('resident.create', {
        resident: toResidentInput(input.newPeople()),
      });
      if (r.ok) {
        created += 1;
        quiet.add(elapsedMs(t0));
      }
    }
    const t0 = process.hrtime.bigint();
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    checkpointMs = elapsedMs(t0);
    frames = result?.log ?? 0;
  } finally {
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
  if (created === 0 || frames === 0) return;
  const perCreate = frames / created;
  const per1000 = (checkpointMs / frames) * 1000;
  log(
    `  a registration writes ~${perCreate.toFixed(0)} WAL pages; auto-checkpoint every ` +
      `${autocheckpoint} pages ≈ once per ${Math.round(autocheckpoint / perCreate)} registrations`,
  );
  log(
    `  checkpointing ${frames} pages took ${checkpointMs.toFixed(1)} ms ` +
      `(≈ ${per1000.toFixed(1)} ms per ${autocheckpoint} pages), paid inside the committing call`,
  );
  log(
    `  with auto-checkpoint off, ${created} creates: p95 ${fmtMs(quiet.p95)} ms, p99 ` +
      `${fmtMs(quiet.p99)} ms, max ${fmtMs(quiet.max)} ms`,
  );
  record('wal.pagesPerCreate', perCreate, 'pages');
  record('wal.checkpointPer1000Pages', per1000, 'ms');
}

// ------------------------------------------------ the export and the ingest, each on its own

const EXPORT_ARGUMENT = '--station-export';
const INGEST_ARGUMENT = '--city-store-ingest';

interface IngestPair {
  validated: IngestMeasurement;
  raw: IngestMeasurement;
}

/**
 * The station's export and the reference receiver's ingest are each measured in a fresh
 * process running this same file, not in this one, whose heap still holds the 300 000-resident
 * session: garbage collection over that heap made the ingest 2–3 s slower per 100 000 records
 * and the export about 2 s slower. A supervisor's export runs in the app, and the receiver
 * as a server process of its own (`npm run city-store`), neither beside a bench's data.
 */
function inItsOwnProcess<T>(argument: string, records: number): Promise<T> {
  const script = process.argv[1];
  if (!script) throw new Error(`The bench cannot find its own script to run ${argument}.`);
  return new Promise((resolveMeasurement, reject) => {
    execFile(
      process.execPath,
      [script, argument, String(records)],
      { maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${argument} failed: ${stderr || error.message}`));
        else resolveMeasurement(JSON.parse(stdout) as T);
      },
    );
  });
}

async function measureIngestPair(records: number): Promise<void> {
  const validated = await measureIngest(records);
  const raw = await measureIngest(records, { skipValidation: true });
  process.stdout.write(JSON.stringify({ validated, raw } satisfies IngestPair));
}

async function measureExportAlone(records: number): Promise<void> {
  process.stdout.write(JSON.stringify(await measureExport(records)));
}

function measurementOfArguments(): Promise<void> {
  const records = Number(process.argv[3]);
  switch (process.argv[2]) {
    case EXPORT_ARGUMENT:
      return measureExportAlone(records);
    case INGEST_ARGUMENT:
      return measureIngestPair(records);
    default:
      return main();
  }
}

measurementOfArguments().catch((error: unknown) => {
  console.error(
    'Benchmark crashed:',
    error instanceof Error ? (error.stack ?? error.message) : error,
  );
  process.exitCode = 1;
});
