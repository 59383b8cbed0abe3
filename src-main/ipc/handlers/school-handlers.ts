import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelOutput, ChannelParsedInput } from '../../../src-shared/ipc/contract';
import { AppFailure } from '../../../src-shared/ipc/errors';
import { MESSAGE_KEY } from '../../../src-shared/schemas/messages';
import {
  residentInputSchema,
  type Resident,
  type ResidentSummary,
} from '../../../src-shared/schemas/resident';
import {
  consentCovers,
  hasMeasurements,
  pupilConsentAsked,
} from '../../../src-shared/schemas/school';
import {
  rosterPupilToResidentInput,
  type RosterPupil,
} from '../../../src-shared/schemas/school-roster';
import {
  guessColumnMapping,
  mapRosterRows,
  missingRequiredFields,
} from '../../../src-shared/school/roster-mapping';
import { changeDigests } from '../../audit/audit-log';
import { appendOutbox } from '../../db/outbox-repository';
import {
  findNameBirthMatches,
  findResidentIdByPersonalId,
  getResidentSummary,
  insertResident,
} from '../../db/resident-repository';
import {
  findClassByName,
  getClass,
  getEnrolment,
  getSchool,
  getScreening,
  getScreeningHead,
  getScreeningVersionData,
  insertClass,
  insertEnrolment,
  insertSchool,
  listClasses,
  listClassScreenings,
  listEnrolments,
  listSchools,
  setEnrolmentConsent,
  updateClass,
  updateSchool,
  writeScreeningVersion,
  type SchoolClassRow,
} from '../../db/school-repository';
import { getStation } from '../../db/station-repository';
import { readRosterFile, RosterFileError } from '../../school/roster-file';
import { nowIso, requireSession, type HandlerContext } from '../context';
import { activeResidentOrFail } from './resident-guards';
import type { HandlerMap } from './types';

function classOrFail(ctx: HandlerContext, classId: string): SchoolClassRow {
  const schoolClass = getClass(ctx.db, classId);
  if (!schoolClass) throw new AppFailure('NOT_FOUND', 'No class with this id.');
  return schoolClass;
}

// ---------------------------------------------------------------------------------------
// Roster: read, map, validate, match. Preview and import run the same steps on the file
// itself, so the import never relies on what the renderer showed.

type RosterFileInput = ChannelParsedInput<'roster.preview'>;
type PreviewRow = ChannelOutput<'roster.preview'>['rows'][number];

interface AnalysedRow extends PreviewRow {
  pupil: RosterPupil | undefined;
}

async function readRoster(input: Pick<RosterFileInput, 'base64' | 'fileName' | 'sheet'>) {
  try {
    return await readRosterFile(
      Buffer.from(input.base64, 'base64'),
      input.fileName,
      input.sheet ?? undefined,
    );
  } catch (error) {
    if (error instanceof RosterFileError) {
      throw new AppFailure('INVALID_INPUT', error.message, { details: { reason: error.code } });
    }
    throw error;
  }
}

/**
 * The registry's duplicate rules (resident-handlers guardPersonalId / guardNameBirth): the
 * same personal ID is the same person; the same folded name and birth date may be, and the
 * nurse decides. A pupil already in the class is left as she is.
 */
function matchPupil(
  ctx: HandlerContext,
  pupil: RosterPupil,
  enrolled: ReadonlySet<string>,
): PreviewRow['match'] {
  const summary = (id: string) => getResidentSummary(ctx.db, id) as ResidentSummary;
  if (pupil.personalId !== '') {
    const owner = findResidentIdByPersonalId(ctx.db, pupil.personalId);
    if (owner) {
      return enrolled.has(owner)
        ? { kind: 'enrolled', resident: summary(owner) }
        : { kind: 'personalId', resident: summary(owner) };
    }
  }
  const candidates = findNameBirthMatches(ctx.db, pupil.fullName, pupil.birthDate, null);
  const already = candidates.find((c) => enrolled.has(c.id));
  if (already) return { kind: 'enrolled', resident: already };
  return candidates.length > 0 ? { kind: 'nameBirth', candidates } : { kind: 'new' };
}

async function analyseRoster(
  ctx: HandlerContext,
  input: RosterFileInput,
  schoolClass: SchoolClassRow,
) {
  const table = await readRoster(input);
  const mapping = input.mapping ?? guessColumnMapping(table.headers);
  const missingFields = missingRequiredFields(mapping);
  const enrolled = new Set(listEnrolments(ctx.db, schoolClass.id).map((e) => e.resident.id));
  const preview =
    missingFields.length > 0
      ? { rows: [], counts: { ok: 0, warning: 0, error: 0 }, skippedBlankRows: 0 }
      : mapRosterRows(table, mapping, {
          today: todayInVietnam(ctx.now()),
          classGrade: schoolClass.grade,
        });
  const cellsOf = new Map(table.rows.map((r) => [r.rowNumber, r.cells]));
  const rows: AnalysedRow[] = preview.rows.map((row) => ({
    rowNumber: row.rowNumber,
    status: row.status,
    cells: cellsOf.get(row.rowNumber) ?? [],
    problems: row.problems,
    pupil: row.pupil,
    match: row.pupil ? matchPupil(ctx, row.pupil, enrolled) : { kind: 'new' },
  }));
  return { table, mapping, missingFields, rows, preview };
}

/** The resident a roster row registers: the station's commune, the guardian as relation. */
function residentFromPupil(pupil: RosterPupil, communeCode: string): Resident {
  const parsed = residentInputSchema.safeParse(rosterPupilToResidentInput(pupil, communeCode));
  if (!parsed.success) {
    throw new AppFailure('INVALID_INPUT', 'A roster row does not make a valid resident.', {
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: i.message,
      })),
    });
  }
  // Same shape as the registration form stores: a permanent address "same as current" is a copy.
  return { ...parsed.data, permanentAddress: { ...parsed.data.currentAddress } };
}

type Plan =
  | { action: 'create'; row: AnalysedRow; pupil: RosterPupil; candidates: ResidentSummary[] }
  | { action: 'link'; row: AnalysedRow; pupil: RosterPupil; residentId: string }
  | { action: 'skip' };

/**
 * What each row will do. Refused as a whole when a row has an error or a row with name-and-
 * birth candidates has no valid decision: a roster is imported completely or not at all.
 */
function planImport(
  rows: AnalysedRow[],
  decisions: ChannelParsedInput<'roster.import'>['decisions'],
): Plan[] {
  const errorRows = rows.filter((r) => r.status === 'error').map((r) => r.rowNumber);
  if (errorRows.length > 0) {
    throw new AppFailure('INVALID_INPUT', 'The roster has rows with errors; nothing imported.', {
      details: { reason: 'ROSTER_HAS_ERRORS', rows: errorRows },
    });
  }
  const byRow = new Map(decisions.map((d) => [d.rowNumber, d]));
  const undecided: number[] = [];
  const plans = rows.map((row): Plan => {
    const pupil = row.pupil as RosterPupil;
    const decision = byRow.get(row.rowNumber);
    switch (row.match.kind) {
      case 'enrolled':
        return { action: 'skip' };
      case 'personalId':
        return { action: 'link', row, pupil, residentId: row.match.resident.id };
      case 'new':
        return { action: 'create', row, pupil, candidates: [] };
      case 'nameBirth': {
        const candidates = row.match.candidates;
        if (decision?.action === 'create') return { action: 'create', row, pupil, candidates };
        const chosen = candidates.find((c) => c.id === decision?.residentId);
        if (decision?.action === 'link' && chosen) {
          return { action: 'link', row, pupil, residentId: chosen.id };
        }
        undecided.push(row.rowNumber);
        return { action: 'skip' };
      }
    }
  });
  if (undecided.length > 0) {
    throw new AppFailure(
      'INVALID_INPUT',
      'Rows matching residents by name and birth date need a decision; nothing imported.',
      { details: { reason: 'ROSTER_UNDECIDED', rows: undecided } },
    );
  }
  return plans;
}

// ---------------------------------------------------------------------------------------

export const schoolHandlers: HandlerMap<
  | 'school.list'
  | 'school.save'
  | 'class.list'
  | 'class.save'
  | 'class.get'
  | 'roster.preview'
  | 'roster.import'
  | 'enrolment.setConsent'
  | 'pupil.saveScreening'
> = {
  'school.list': (_input, ctx) => listSchools(ctx.db),

  'school.save': (input, ctx) => {
    const session = requireSession(ctx);
    const id = input.id ?? ctx.newId();
    ctx.db
      .transaction(() => {
        const fields = {
          id,
          name: input.name,
          level: input.level,
          communeCode: input.communeCode,
          address: input.address,
        };
        if (input.id === null) {
          insertSchool(ctx.db, { ...fields, at: nowIso(ctx), userId: session.user.id });
        } else {
          if (!getSchool(ctx.db, input.id)) {
            throw new AppFailure('NOT_FOUND', 'No school with this id.');
          }
          updateSchool(ctx.db, fields);
        }
        ctx.audit({
          action: 'school.save',
          recordType: 'school',
          recordId: id,
          details: { created: input.id === null },
        });
      })
      .immediate();
    return getSchool(ctx.db, id) as NonNullable<ReturnType<typeof getSchool>>;
  },

  'class.list': ({ schoolId, schoolYear }, ctx) => listClasses(ctx.db, schoolId, schoolYear),

  'class.save': (input, ctx) => {
    const session = requireSession(ctx);
    const id = input.id ?? ctx.newId();
    ctx.db
      .transaction(() => {
        if (!getSchool(ctx.db, input.schoolId)) {
          throw new AppFailure('NOT_FOUND', 'No school with this id.');
        }
        if (findClassByName(ctx.db, input, input.id)) {
          throw new AppFailure('INVALID_INPUT', 'The school already has this class this year.', {
            issues: [{ path: ['name'], message: MESSAGE_KEY.invalid }],
            details: { reason: 'CLASS_NAME_TAKEN' },
          });
        }
        const fields = {
          id,
          schoolId: input.schoolId,
          schoolYear: input.schoolYear,
          name: input.name,
          grade: input.grade,
        };
        if (input.id === null) {
          insertClass(ctx.db, { ...fields, at: nowIso(ctx), userId: session.user.id });
        } else {
          classOrFail(ctx, input.id);
          updateClass(ctx.db, fields);
        }
        ctx.audit({
          action: 'class.save',
          recordType: 'school_class',
          recordId: id,
          details: { created: input.id === null },
        });
      })
      .immediate();
    return classOrFail(ctx, id);
  },

  'class.get': ({ classId, round }, ctx) => {
    const schoolClass = classOrFail(ctx, classId);
    const screenings = new Map(
      listClassScreenings(ctx.db, classId, round).map((s) => [s.residentId, s]),
    );
    const pupils = listEnrolments(ctx.db, classId).map((e) => {
      const screening = screenings.get(e.resident.id);
      return {
        resident: e.resident,
        pupilCode: e.pupilCode,
        consent: e.consent
          ? {
              guardian: e.consent.guardian,
              guardianName: e.consent.guardianName,
              pupil: e.consent.pupil,
              recordedOn: e.consent.recordedOn,
            }
          : null,
        screening: screening
          ? {
              id: screening.id,
              version: screening.version,
              status: screening.status,
              screenedOn: screening.screenedOn,
              measurements: screening.measurements,
              saved: screening.saved,
            }
          : null,
      };
    });
    // The class list shows pupils' health data: reading it is logged like a record view.
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'class.view',
        recordType: 'school_class',
        recordId: classId,
        details: { round, pupils: pupils.length },
      }),
    )();
    return { schoolClass, pupils };
  },

  'roster.preview': async (input, ctx) => {
    const schoolClass = classOrFail(ctx, input.classId);
    const { table, mapping, missingFields, rows, preview } = await analyseRoster(
      ctx,
      input,
      schoolClass,
    );
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'roster.preview',
        recordType: 'school_class',
        recordId: schoolClass.id,
        details: { rows: rows.length, ...preview.counts },
      }),
    )();
    return {
      sheetNames: table.sheetNames,
      sheet: table.sheet,
      headers: table.headers,
      mapping,
      missingFields,
      rows: rows.map(({ pupil: _pupil, ...row }) => row),
      counts: preview.counts,
      skippedBlankRows: preview.skippedBlankRows,
    };
  },

  'roster.import': async (input, ctx) => {
    const session = requireSession(ctx);
    const schoolClass = classOrFail(ctx, input.classId);
    const { missingFields, rows } = await analyseRoster(ctx, input, schoolClass);
    if (missingFields.length > 0) {
      throw new AppFailure('INVALID_INPUT', 'Required columns are not mapped.', {
        details: { reason: 'ROSTER_MAPPING_INCOMPLETE', fields: missingFields },
      });
    }
    const plans = planImport(rows, input.decisions);
    const communeCode = getStation(ctx.db)?.communeCode ?? '';
    const at = nowIso(ctx);
    const counts = { created: 0, linked: 0, alreadyEnrolled: 0 };
    ctx.db
      .transaction(() => {
        for (const plan of plans) {
          if (plan.action === 'skip') {
            counts.alreadyEnrolled += 1;
            continue;
          }
          let residentId: string;
          if (plan.action === 'link') {
            residentId = activeResidentOrFail(ctx, plan.residentId).id;
            counts.linked += 1;
          } else {
            residentId = ctx.newId();
            const resident = residentFromPupil(plan.pupil, communeCode);
            insertResident(ctx.db, {
              id: residentId,
              version: 1,
              resident,
              temporaryId: '',
              identifierHistory: [],
              // As on the registration form: she saw the candidates and registers someone else.
              duplicateReview:
                plan.candidates.length > 0
                  ? {
                      candidateIds: plan.candidates.map((c) => c.id),
                      at,
                      userId: session.user.id,
                      userName: session.user.fullName,
                    }
                  : null,
              at,
              userId: session.user.id,
            });
            appendOutbox(ctx.db, {
              entityType: 'resident',
              entityId: residentId,
              entityVersion: 1,
              operation: 'create',
              at,
            });
            ctx.audit({
              action: 'resident.create',
              recordType: 'resident',
              recordId: residentId,
              details: {
                ...changeDigests(null, resident),
                duplicateCandidates: plan.candidates.length,
                source: 'roster',
              },
            });
            counts.created += 1;
          }
          insertEnrolment(ctx.db, {
            classId: schoolClass.id,
            residentId,
            pupilCode: plan.pupil.pupilCode,
            at,
            userId: session.user.id,
          });
        }
        ctx.audit({
          action: 'roster.import',
          recordType: 'school_class',
          recordId: schoolClass.id,
          details: { ...counts, rows: rows.length },
        });
      })
      .immediate();
    return counts;
  },

  'enrolment.setConsent': ({ classId, residentId, consent }, ctx) => {
    const session = requireSession(ctx);
    classOrFail(ctx, classId);
    ctx.db
      .transaction(() => {
        if (!getEnrolment(ctx.db, classId, residentId)) {
          throw new AppFailure('NOT_FOUND', 'The pupil is not enrolled in this class.');
        }
        const record = activeResidentOrFail(ctx, residentId);
        const { birthDate } = record.resident;
        const today = todayInVietnam(ctx.now());
        const issue = (field: string, message: string) =>
          new AppFailure('INVALID_INPUT', 'The consent cannot be recorded as given.', {
            issues: [{ path: ['consent', field], message }],
          });
        if (consent.recordedOn > today) throw issue('recordedOn', MESSAGE_KEY.dateInFuture);
        if (consent.recordedOn < birthDate) throw issue('recordedOn', MESSAGE_KEY.dateBeforeBirth);
        const asked = pupilConsentAsked(birthDate, consent.recordedOn);
        // From 7 the pupil's own answer is part of the consent (Law 91/2025): never assumed.
        if (asked && consent.pupil === null) throw issue('pupil', MESSAGE_KEY.required);
        const stored = {
          ...consent,
          pupil: asked ? consent.pupil : null,
          savedAt: nowIso(ctx),
          savedBy: session.user.id,
        };
        setEnrolmentConsent(ctx.db, classId, residentId, stored);
        ctx.audit({
          action: 'enrolment.setConsent',
          recordType: 'resident',
          recordId: residentId,
          details: {
            classId,
            guardian: stored.guardian,
            pupil: stored.pupil,
            recordedOn: stored.recordedOn,
          },
        });
      })
      .immediate();
    return null;
  },

  'pupil.saveScreening': (input, ctx) => {
    const session = requireSession(ctx);
    classOrFail(ctx, input.classId);
    const at = nowIso(ctx);
    let screeningId = '';
    ctx.db
      .transaction(() => {
        const enrolment = getEnrolment(ctx.db, input.classId, input.residentId);
        if (!enrolment)
          throw new AppFailure('NOT_FOUND', 'The pupil is not enrolled in this class.');
        const record = activeResidentOrFail(ctx, input.residentId);
        const { birthDate } = record.resident;
        if (input.screenedOn < birthDate) {
          throw new AppFailure('INVALID_INPUT', 'Screened before birth.', {
            issues: [{ path: ['screenedOn'], message: MESSAGE_KEY.dateBeforeBirth }],
          });
        }
        if (input.status === 'measured') {
          if (!hasMeasurements(input.measurements)) {
            throw new AppFailure('INVALID_INPUT', 'Nothing measured.', {
              issues: [{ path: ['measurements'], message: MESSAGE_KEY.required }],
            });
          }
          // Health data of a child is processed only with consent (Law 91/2025, Decree 356/2025).
          if (!consentCovers(enrolment.consent, birthDate, input.screenedOn)) {
            throw new AppFailure('INVALID_INPUT', 'No screening consent for this pupil.', {
              details: {
                reason: 'CONSENT_REQUIRED',
                pupilConsentAsked: pupilConsentAsked(birthDate, input.screenedOn),
              },
            });
          }
        }
        const head = getScreeningHead(ctx.db, input);
        const currentVersion = head?.version ?? 0;
        if (currentVersion !== input.expectedVersion) {
          throw new AppFailure('CONFLICT', 'The row was saved by someone else; reload it.', {
            details: { currentVersion },
          });
        }
        screeningId = head?.id ?? ctx.newId();
        const version = currentVersion + 1;
        const before = head ? getScreeningVersionData(ctx.db, head.id, head.version) : null;
        writeScreeningVersion(ctx.db, {
          id: screeningId,
          classId: input.classId,
          residentId: input.residentId,
          round: input.round,
          version,
          screenedOn: input.screenedOn,
          status: input.status,
          measurements: input.measurements,
          at,
          userId: session.user.id,
        });
        appendOutbox(ctx.db, {
          entityType: 'school_screening',
          entityId: screeningId,
          entityVersion: version,
          operation: version === 1 ? 'create' : 'update',
          at,
        });
        ctx.audit({
          action: 'pupil.saveScreening',
          recordType: 'school_screening',
          recordId: screeningId,
          details: {
            residentId: input.residentId,
            classId: input.classId,
            round: input.round,
            status: input.status,
            version,
            ...changeDigests(before, input.measurements),
          },
        });
      })
      .immediate();
    const saved = getScreening(ctx.db, screeningId);
    if (!saved) throw new Error('the screening just written cannot be read back');
    return {
      id: saved.id,
      version: saved.version,
      status: saved.status,
      screenedOn: saved.screenedOn,
      measurements: saved.measurements,
      saved: saved.saved,
    };
  },
};
