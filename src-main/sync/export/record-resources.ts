import { assessElderlyScreening } from '../../../src-shared/clinical/elderly-assessment';
import type { QuestionnaireKey } from '../../../src-shared/clinical/instruments';
import type { PaediatricBpTable } from '../../../src-shared/clinical/paediatric-bp';
import type { GrowthIndicator } from '../../../src-shared/clinical/growth/classification';
import { buildConsents } from '../../../src-shared/fhir/consent';
import { buildEncounter } from '../../../src-shared/fhir/encounter';
import type { MeasurementKey } from '../../../src-shared/fhir/fhir-systems';
import { buildImmunizations } from '../../../src-shared/fhir/immunization';
import {
  buildBloodPressureObservation,
  buildObservation,
  type ObservationSource,
} from '../../../src-shared/fhir/observation';
import {
  buildPatient,
  type PatientSource,
  type StationReference,
} from '../../../src-shared/fhir/patient';
import { buildDeclarationQuestionnaireResponse } from '../../../src-shared/fhir/questionnaire-response';
import type { FhirResource } from '../../../src-shared/fhir/types';
import { assessPupil } from '../../../src-shared/school/pupil-assessment';
import type { Declaration, DeclarationVersion } from '../../../src-shared/schemas/declaration';
import type { ElderlyScreening } from '../../../src-shared/schemas/elderly-screening';
import type { Resident, ResidentRecord } from '../../../src-shared/schemas/resident';
import type { PupilMeasurements, ScreeningRound } from '../../../src-shared/schemas/school';
import type { Db } from '../../db/connection';
import { withdrawalsInForce } from '../../db/consent-repository';
import { getElderlyScreening } from '../../db/elderly-screening-repository';
import { prepared } from '../../db/statements';
import type { OutboxRow } from '../../db/sync-repository';

/**
 * One outbox change → the FHIR R4 resources of that record version (docs/fhir-mapping.md).
 * The same version always gives the same resources, byte for byte, so a resend is a
 * duplicate at the city, never a conflict.
 */

/**
 * What mapping needs besides the change itself. A context reads the database's merges once,
 * when it first maps a resident: keep one for a stretch of work during which records do not
 * change (the export makes one per slice), not for the life of the app.
 */
export interface MappingContext {
  db: Db;
  station: StationReference;
  childBpTable: PaediatricBpTable | null;
}

/**
 * The resources of a run of changes, in order, mapped one change at a time as they are
 * asked for: a change's resources are then garbage before the next change is mapped, instead
 * of a whole run of them living on together. Resident versions are read ahead, a batch of
 * changes at a time, in one pass over the outbox (most of a large export is residents)
 * instead of one lookup per change.
 */
export function* resourcesOfChanges(
  ctx: MappingContext,
  changes: readonly OutboxRow[],
): Generator<{ seq: number; resources: FhirResource[] }, void, undefined> {
  for (let start = 0; start < changes.length; start += PREFETCH_BATCH) {
    const batch = changes.slice(start, start + PREFETCH_BATCH);
    prefetchResidentVersions(ctx, batch);
    for (const change of batch) {
      yield { seq: change.seq, resources: resourcesOfChange(ctx, change) };
    }
  }
}

/**
 * Resident versions read ahead at a time: enough that one statement serves many changes, few
 * enough that their rows are garbage before the young generation is next collected.
 */
const PREFETCH_BATCH = 250;

export function resourcesOfChange(ctx: MappingContext, change: OutboxRow): FhirResource[] {
  switch (change.kind) {
    case 'resident':
      return residentResources(ctx, change);
    case 'declaration':
      return declarationResources(ctx, change.entityId, change.entityVersion);
    case 'elderly_screening':
      return elderlyResources(ctx, change.entityId, change.entityVersion);
    case 'school_screening':
      return schoolResources(ctx, change.entityId, change.entityVersion);
  }
}

/* ------------------------------------------------------------------------ residents */

interface ResidentVersionQueryRow {
  data: string;
  changedAt: string;
}

/** Resident versions read ahead for a batch of changes, by the change's outbox seq. */
const prefetchedResidentVersions = new WeakMap<
  MappingContext,
  Map<number, ResidentVersionQueryRow>
>();

/**
 * Reads the resident versions of the changes' span of the outbox in one statement. Changes
 * already acknowledged in that span are passed over without reading their versions.
 */
function prefetchResidentVersions(ctx: MappingContext, changes: readonly OutboxRow[]): void {
  let first = Infinity;
  let last = -Infinity;
  for (const change of changes) {
    if (change.kind !== 'resident') continue;
    first = Math.min(first, change.seq);
    last = Math.max(last, change.seq);
  }
  const rows = new Map<number, ResidentVersionQueryRow>();
  prefetchedResidentVersions.set(ctx, rows);
  if (first > last) return;
  // all(), not iterate(): a few hundred rows at once cost less than a row per iterator step.
  const found = prepared(
    ctx.db,
    `SELECT o.seq, v.data, v.changed_at AS changedAt
       FROM outbox o
       JOIN resident_versions v ON v.resident_id = o.entity_id AND v.version = o.entity_version
       WHERE o.seq BETWEEN ? AND ? AND o.entity_type = 'resident'
         AND o.acknowledged_at IS NULL`,
  ).all(first, last) as (ResidentVersionQueryRow & { seq: number })[];
  for (const row of found) rows.set(row.seq, row);
}

/** The version of a resident record a Patient is mapped from (buildPatient's input). */
function residentAtVersion(ctx: MappingContext, change: OutboxRow): PatientSource | null {
  const { entityId: id, entityVersion: version } = change;
  const row =
    prefetchedResidentVersions.get(ctx)?.get(change.seq) ??
    (prepared(
      ctx.db,
      `SELECT data, changed_at AS changedAt FROM resident_versions
         WHERE resident_id = ? AND version = ?`,
    ).get(id, version) as ResidentVersionQueryRow | undefined);
  if (!row) return null;
  const data = JSON.parse(row.data) as {
    resident: Resident;
    temporaryId?: string;
    identifierHistory?: ResidentRecord['identifierHistory'];
  };
  return {
    id,
    version,
    resident: data.resident,
    temporaryId: data.temporaryId ?? '',
    identifierHistory: data.identifierHistory ?? [],
    updated: { at: row.changedAt },
  };
}

/** Merges (resident_merges) both ways, read in one query instead of two per resident. */
interface MergeLinks {
  /** Retired resident → the survivor it was merged into. */
  mergedInto: Map<string, string>;
  /** Survivor → the residents merged into it, oldest merge first. */
  mergedFrom: Map<string, string[]>;
}

const mergeLinksOfContext = new WeakMap<MappingContext, MergeLinks>();

function mergeLinksOf(ctx: MappingContext): MergeLinks {
  let links = mergeLinksOfContext.get(ctx);
  if (links) return links;
  const rows = prepared(
    ctx.db,
    `SELECT retired_id AS retiredId, survivor_id AS survivorId FROM resident_merges
       ORDER BY merged_at, rowid`,
  ).all() as { retiredId: string; survivorId: string }[];
  links = { mergedInto: new Map(), mergedFrom: new Map() };
  for (const { retiredId, survivorId } of rows) {
    links.mergedInto.set(retiredId, survivorId);
    const from = links.mergedFrom.get(survivorId);
    if (from) from.push(retiredId);
    else links.mergedFrom.set(survivorId, [retiredId]);
  }
  mergeLinksOfContext.set(ctx, links);
  return links;
}

function residentResources(ctx: MappingContext, change: OutboxRow): FhirResource[] {
  const record = residentAtVersion(ctx, change);
  if (!record) return [];
  const { id } = record;
  // Merges travel as Patient.link, so the city can follow them too.
  const { mergedInto, mergedFrom } = mergeLinksOf(ctx);
  const survivorId = mergedInto.get(id);
  const retiredIds = mergedFrom.get(id);
  return [
    buildPatient(record, {
      managingStation: ctx.station,
      ...(survivorId !== undefined ? { mergedIntoId: survivorId } : {}),
      ...(retiredIds !== undefined ? { mergedFromIds: retiredIds } : {}),
    }),
  ];
}

/* --------------------------------------------------------------------- declarations */

interface DeclarationVersionQueryRow {
  residentId: string;
  data: string;
  at: string;
  userId: string;
  userName: string;
}

function declarationAtVersion(db: Db, id: string, version: number): DeclarationVersion | null {
  const row = prepared(
    db,
    `SELECT d.resident_id AS residentId, v.data, v.submitted_at AS at, v.submitted_by AS userId,
         u.full_name AS userName
       FROM declaration_versions v
       JOIN declarations d ON d.id = v.declaration_id
       JOIN users u ON u.id = v.submitted_by
       WHERE v.declaration_id = ? AND v.version = ?`,
  ).get(id, version) as DeclarationVersionQueryRow | undefined;
  if (!row) return null;
  return {
    declarationId: id,
    residentId: row.residentId,
    version,
    declaration: JSON.parse(row.data) as Declaration,
    submitted: { at: row.at, userId: row.userId, userName: row.userName },
  };
}

function declarationResources(ctx: MappingContext, id: string, version: number): FhirResource[] {
  const current = declarationAtVersion(ctx.db, id, version);
  if (!current) return [];
  const previous = version > 1 ? declarationAtVersion(ctx.db, id, version - 1) : null;
  const withdrawals = withdrawalsInForce(ctx.db, current.residentId).map(
    ({ purpose, withdrawnAt }) => ({ purpose, withdrawnAt }),
  );
  return [
    buildDeclarationQuestionnaireResponse(current),
    // Given the version the city already holds, a dose no longer stated goes out as
    // entered-in-error (docs/fhir-mapping.md, Immunization).
    ...(previous ? buildImmunizations(current, previous) : buildImmunizations(current)),
    ...buildConsents({ version: current, withdrawals, custodian: ctx.station }),
  ];
}

/* ---------------------------------------------------------------- elderly screenings */

/** BMI in kg/m², one decimal, as the screening form shows it. */
function bodyMassIndex(heightCm: number, weightKg: number): number {
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

function elderlyResources(ctx: MappingContext, id: string, version: number): FhirResource[] {
  const row = getElderlyScreening(ctx.db, id, version);
  if (!row) return [];
  const s: ElderlyScreening = row.screening;
  const source: ObservationSource = {
    recordId: id,
    version,
    lastUpdated: row.saved.at,
    patientId: row.residentId,
    encounterId: id,
    effective: s.screenedOn,
    performerName: s.examinerName,
  };
  const m = s.measurements;
  const resources: FhirResource[] = [
    buildEncounter({
      id,
      version,
      lastUpdated: row.saved.at,
      patientId: row.residentId,
      start: s.screenedOn,
      typeText: 'Khám sàng lọc người cao tuổi (Elderly screening)',
      serviceProvider: ctx.station,
      participantName: s.examinerName,
    }),
  ];
  if (m.heightCm !== null) {
    resources.push(buildObservation(source, { key: 'bodyHeight', value: m.heightCm }));
  }
  if (m.weightKg !== null) {
    resources.push(buildObservation(source, { key: 'bodyWeight', value: m.weightKg }));
  }
  if (m.heightCm !== null && m.weightKg !== null) {
    resources.push(
      buildObservation(source, {
        key: 'bmi',
        value: bodyMassIndex(m.heightCm, m.weightKg),
        derivedFrom: ['bodyHeight', 'bodyWeight'],
      }),
    );
  }
  if (m.waistCm !== null) {
    resources.push(buildObservation(source, { key: 'waistCircumference', value: m.waistCm }));
  }
  if (m.pulsePerMin !== null) {
    resources.push(buildObservation(source, { key: 'heartRate', value: m.pulsePerMin }));
  }
  const readings = [
    { reading: m.bloodPressure.first, instance: undefined },
    { reading: m.bloodPressure.second, instance: '2' },
  ];
  for (const { reading, instance } of readings) {
    if (reading.systolic === null || reading.diastolic === null) continue;
    resources.push(
      buildBloodPressureObservation(source, {
        systolic: reading.systolic,
        diastolic: reading.diastolic,
        ...(instance ? { instance } : {}),
      }),
    );
  }
  if (m.glucose !== null) {
    // Stations measure with a glucometer on capillary blood (QĐ 5481/2020 screening).
    const key: MeasurementKey =
      m.glucose.kind === 'fasting' ? 'fastingGlucoseCapillary' : 'glucoseCapillary';
    resources.push(buildObservation(source, { key, value: m.glucose.mmolPerL }));
  }
  resources.push(...instrumentObservations(source, s));
  return resources;
}

const INSTRUMENT_KEYS: Record<QuestionnaireKey, MeasurementKey> = {
  katzAdl: 'katzAdlTotal',
  lawtonIadl: 'lawtonIadlTotal',
  gds15: 'gds15Total',
  miniCog: 'miniCogTotal',
  prisma7: 'prisma7Total',
};

/**
 * The six instruments as Observations of their computed scores (docs/fhir-mapping.md,
 * "Instrument scores"): a skipped instrument sends nothing; a flagged score is marked
 * abnormal with the station's cut-off, so the city reads what the health worker saw.
 */
function instrumentObservations(
  source: ObservationSource,
  screening: ElderlyScreening,
): FhirResource[] {
  const { instruments } = assessElderlyScreening(screening);
  const resources: FhirResource[] = [];
  for (const key of Object.keys(INSTRUMENT_KEYS) as QuestionnaireKey[]) {
    const assessment = instruments[key];
    if (assessment.status !== 'scored') continue;
    resources.push(
      buildObservation(source, {
        key: INSTRUMENT_KEYS[key],
        value: assessment.score,
        interpretation: {
          code: assessment.flagged ? 'A' : 'N',
          text: `${assessment.score}/${assessment.maxScore} (${assessment.source})`,
        },
      }),
    );
  }
  const tug = instruments.timedUpAndGo;
  if (tug.status === 'classified') {
    resources.push(
      buildObservation(source, {
        key: 'timedUpAndGo',
        value: tug.seconds,
        interpretation: { code: tug.category === 'fallRisk' ? 'A' : 'N', text: tug.source },
      }),
    );
  }
  return resources;
}

/* ----------------------------------------------------------------- school screenings */

interface SchoolVersionQueryRow {
  residentId: string;
  round: ScreeningRound;
  screenedOn: string;
  status: 'measured' | 'absent';
  data: string;
  at: string;
  sex: '1' | '2';
  birthDate: string;
}

const Z_SCORE_KEYS: Partial<
  Record<GrowthIndicator, { key: MeasurementKey; from: MeasurementKey[] }>
> = {
  'bmi-for-age': { key: 'bmiForAgeZ', from: ['bmi'] },
  'length-height-for-age': { key: 'heightForAgeZ', from: ['bodyHeight'] },
  'weight-for-age': { key: 'weightForAgeZ', from: ['bodyWeight'] },
  'weight-for-length-height': { key: 'weightForHeightZ', from: ['bodyHeight', 'bodyWeight'] },
};

function schoolResources(ctx: MappingContext, id: string, version: number): FhirResource[] {
  const row = prepared(
    ctx.db,
    `SELECT s.resident_id AS residentId, s.round, s.screened_on AS screenedOn, s.status,
         v.data, v.saved_at AS at, r.sex, r.birth_date AS birthDate
       FROM school_screenings s
       JOIN school_screening_versions v ON v.screening_id = s.id AND v.version = ?
       JOIN residents r ON r.id = s.resident_id
       WHERE s.id = ?`,
  ).get(version, id) as SchoolVersionQueryRow | undefined;
  // An absent pupil was not examined: there is nothing clinical to send.
  if (!row || row.status === 'absent') return [];
  const measurements = JSON.parse(row.data) as PupilMeasurements;
  const source: ObservationSource = {
    recordId: id,
    version,
    lastUpdated: row.at,
    patientId: row.residentId,
    encounterId: id,
    effective: row.screenedOn,
  };
  const resources: FhirResource[] = [
    buildEncounter({
      id,
      version,
      lastUpdated: row.at,
      patientId: row.residentId,
      start: row.screenedOn,
      encounterClass: 'FLD',
      typeText:
        row.round === 'I'
          ? 'Khám sức khỏe học sinh đầu năm học (school screening, round I)'
          : 'Khám sức khỏe học sinh cuối năm học (school screening, round II)',
      serviceProvider: ctx.station,
    }),
  ];
  const m = measurements;
  if (m.heightCm !== null) {
    resources.push(buildObservation(source, { key: 'bodyHeight', value: m.heightCm }));
  }
  if (m.weightKg !== null) {
    resources.push(buildObservation(source, { key: 'bodyWeight', value: m.weightKg }));
  }
  if (m.heartRate !== null) {
    resources.push(buildObservation(source, { key: 'heartRate', value: m.heartRate }));
  }
  if (m.systolic !== null && m.diastolic !== null) {
    resources.push(
      buildBloodPressureObservation(source, { systolic: m.systolic, diastolic: m.diastolic }),
    );
  }
  // z-scores from the station's growth engine (WHO 2006/2007), as the class summary shows them.
  const assessment = assessPupil({
    sex: row.sex,
    birthDate: row.birthDate,
    measuredOn: row.screenedOn,
    measurements,
    round: row.round,
    childBpTable: ctx.childBpTable,
  });
  const growth = assessment.growth;
  if (growth?.bmi !== null && growth?.bmi !== undefined) {
    resources.push(
      buildObservation(source, {
        key: 'bmi',
        value: Math.round(growth.bmi * 10) / 10,
        derivedFrom: ['bodyHeight', 'bodyWeight'],
      }),
    );
  }
  for (const indicator of growth?.indicators ?? []) {
    const target = Z_SCORE_KEYS[indicator.indicator];
    if (!target || indicator.z === null || indicator.implausible) continue;
    resources.push(
      buildObservation(source, { key: target.key, value: indicator.z, derivedFrom: target.from }),
    );
  }
  return resources;
}
