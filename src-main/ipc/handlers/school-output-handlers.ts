import {
  childBpTableFor,
  type PaediatricBpTable,
} from '../../../src-shared/clinical/paediatric-bp';
import { isoDateInVietnam } from '../../../src-shared/domain/dates';
import { foldVietnamese } from '../../../src-shared/domain/name-folding';
import type { ReferralRow } from '../../../src-shared/ipc/contract-school-reports';
import { AppFailure } from '../../../src-shared/ipc/errors';
import { findCommune } from '../../../src-shared/reference/admin-units';
import type { ScreeningRound } from '../../../src-shared/schemas/school';
import { summariseClass, type PupilRoundStatus } from '../../../src-shared/school/class-summary';
import {
  assessPupil,
  describeFindings,
  type PupilAssessment,
} from '../../../src-shared/school/pupil-assessment';
import { getResident } from '../../db/resident-repository';
import { getSettings } from '../../db/settings-repository';
import {
  getReportClass,
  listPupilsForRound,
  type PupilRoundRow,
  type ReportClass,
} from '../../db/school-report-repository';
import { getStation } from '../../db/station-repository';
import { renderParentLettersPdf, type ParentLetter } from '../../school/parent-letter-pdf';
import { nowIso, requireSession, type HandlerContext } from '../context';
import type { HandlerMap } from './types';

interface AssessedPupil {
  row: PupilRoundRow;
  status: PupilRoundStatus;
  /** Present for measured pupils only. */
  assessment: PupilAssessment | null;
}

function classOrFail(ctx: HandlerContext, classId: string): ReportClass {
  const found = getReportClass(ctx.db, classId);
  if (!found) throw new AppFailure('NOT_FOUND', 'No class with this id.');
  return found;
}

/** The station's children's blood-pressure table (Cài đặt), read for each report. */
function stationChildBpTable(ctx: HandlerContext): PaediatricBpTable | null {
  return childBpTableFor(getSettings(ctx.db).childBloodPressureTable);
}

function assessRows(
  rows: readonly PupilRoundRow[],
  round: ScreeningRound,
  childBpTable: PaediatricBpTable | null,
): AssessedPupil[] {
  return rows.map((row) => {
    const screening = row.screening;
    if (screening === null) return { row, status: 'notYet', assessment: null };
    if (screening.status === 'absent') return { row, status: 'absent', assessment: null };
    return {
      row,
      status: 'measured',
      assessment: assessPupil({
        sex: row.resident.sex,
        birthDate: row.resident.birthDate,
        measuredOn: screening.screenedOn,
        measurements: screening.measurements,
        round,
        childBpTable,
      }),
    };
  });
}

function guardiansOf(ctx: HandlerContext, residentId: string): ReferralRow['guardians'] {
  const relations = getResident(ctx.db, residentId)?.resident.relations ?? [];
  return relations
    .filter((r) => r.isGuardian)
    .map((r) => ({ fullName: r.fullName, relationship: r.relationship, phone: r.phone }));
}

/** "5A" → "5a"; the file name carries the class and round, never a pupil's name. */
function fileSlug(text: string): string {
  return foldVietnamese(text).replace(/\s+/g, '-') || 'lop';
}

export const schoolOutputHandlers: HandlerMap<
  'class.summary' | 'class.referrals' | 'class.exportLetters'
> = {
  'class.summary': ({ classId, round }, ctx) => {
    const schoolClass = classOrFail(ctx, classId);
    const pupils = assessRows(
      listPupilsForRound(ctx.db, classId, round),
      round,
      stationChildBpTable(ctx),
    );
    const summary = summariseClass(round, pupils);
    return {
      schoolClass: {
        id: schoolClass.id,
        schoolName: schoolClass.schoolName,
        schoolYear: schoolClass.schoolYear,
        name: schoolClass.name,
        grade: schoolClass.grade,
      },
      round,
      counts: summary.counts,
      groups: summary.groups,
      pupils: pupils.map((p) => ({
        residentId: p.row.resident.id,
        fullName: p.row.resident.fullName,
        status: p.status,
        referralReasons: p.assessment?.referralReasons ?? [],
      })),
    };
  },

  'class.referrals': ({ classId, round }, ctx) => {
    classOrFail(ctx, classId);
    const pupils = assessRows(
      listPupilsForRound(ctx.db, classId, round),
      round,
      stationChildBpTable(ctx),
    );
    return pupils.flatMap(({ row, assessment }) => {
      if (!assessment || !row.screening || assessment.referralReasons.length === 0) return [];
      return [
        {
          resident: row.resident,
          pupilCode: row.pupilCode,
          screenedOn: row.screening.screenedOn,
          reasons: assessment.referralReasons,
          findings: describeFindings(assessment, row.screening.measurements),
          referredTo: row.screening.measurements.referredTo,
          guardians: guardiansOf(ctx, row.resident.id),
        },
      ];
    });
  },

  /**
   * Letters for the measured pupils (absent and not-yet-measured pupils have no results to
   * tell), as PDF bytes: the station writes no copy to disk. Audited once the file exists,
   * with the pupils it concerns by record id only.
   */
  'class.exportLetters': async ({ classId, round, residentId }, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const schoolClass = classOrFail(ctx, classId);
    const measured = assessRows(
      listPupilsForRound(ctx.db, classId, round, residentId),
      round,
      stationChildBpTable(ctx),
    ).filter((p) => p.status === 'measured');
    if (measured.length === 0) {
      throw new AppFailure(
        'NOT_FOUND',
        residentId
          ? 'This pupil has no measured screening in this round.'
          : 'No pupil of this class was measured in this round.',
      );
    }
    const station = getStation(ctx.db);
    const stationName = station?.name ?? '';
    const communeName = station ? (findCommune(station.communeCode)?.name ?? '') : '';
    const issuedOn = isoDateInVietnam(new Date(at));
    const letters: ParentLetter[] = measured.flatMap(({ row, assessment }) => {
      if (!assessment || !row.screening) return [];
      const guardian = guardiansOf(ctx, row.resident.id)[0];
      return [
        {
          station: { name: stationName, communeName },
          school: { name: schoolClass.schoolName, address: schoolClass.schoolAddress },
          schoolClass: { name: schoolClass.name, schoolYear: schoolClass.schoolYear },
          round,
          pupil: {
            fullName: row.resident.fullName,
            sex: row.resident.sex,
            birthDate: row.resident.birthDate,
          },
          guardianName: guardian?.fullName ?? '',
          screenedOn: row.screening.screenedOn,
          issuedOn,
          measurements: row.screening.measurements,
          assessment,
          signedBy: session.user.fullName,
        },
      ];
    });
    const bytes = await renderParentLettersPdf(letters, {
      title: `Thông báo kết quả khám sức khỏe học sinh — lớp ${schoolClass.name}, đợt ${round}`,
      author: stationName,
      createdAt: new Date(at),
    });
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'class.exportLetters',
        recordType: 'class',
        recordId: classId,
        details: {
          round,
          letters: letters.length,
          residentIds: measured.map((p) => p.row.resident.id),
          bytes: bytes.length,
        },
      }),
    )();
    const scope = residentId ? residentId.slice(-8) : `lop-${fileSlug(schoolClass.name)}`;
    return {
      fileName: `thong-bao-suc-khoe-${scope}-dot-${round}-${issuedOn}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: bytes.toString('base64'),
      letters: letters.length,
    };
  },
};
