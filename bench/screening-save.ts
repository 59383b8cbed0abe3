/**
 * Screening saves through the real dispatch, on the bench's station (encrypted, with its
 * 300 000 residents): an elderly screening (QĐ 1551 template 2, with a questionnaire) and one
 * pupil's round-I row of the screening-day grid. The class is imported from a CSV roster and
 * its consents recorded first, as a school nurse does; only the saves are timed.
 */
import type { Channel } from '../src-shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../src-shared/ipc/contract';
import type { Result } from '../src-shared/ipc/errors';
import { makeClassPupils, rosterCsvText } from '../tests/support/roster-fixtures';
import { elapsedMs, Samples } from './stats';

export interface Dispatching {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  must<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export interface ScreeningSaveRun {
  elderly: Samples;
  school: Samples;
}

/** "Ba", "Bb", … : a distinct, letters-only name part for each synthetic elder. */
function lettersFor(i: number): string {
  const a = 'abcdefghiklmnopqrstuvxy';
  return `${a[Math.floor(i / a.length) % a.length]?.toUpperCase()}${a[i % a.length]}${a[Math.floor(i / (a.length * a.length)) % a.length]}`;
}

async function timed(samples: Samples, run: () => Promise<Result<unknown>>): Promise<void> {
  const t0 = process.hrtime.bigint();
  const result = await run();
  const ms = elapsedMs(t0);
  if (!result.ok) throw new Error(`screening save failed: ${JSON.stringify(result.error)}`);
  samples.add(ms);
}

export async function measureScreeningSaves(
  station: Dispatching,
  { count, warmup, today }: { count: number; warmup: number; today: string },
): Promise<ScreeningSaveRun> {
  const elderly = new Samples();
  const school = new Samples();

  // Older residents of the station's commune, one screening each (a new record per save).
  const elders: string[] = [];
  for (let i = 0; i < count + warmup; i++) {
    const created = await station.must('resident.create', {
      resident: {
        fullName: `Trần Văn Thọ ${lettersFor(i)}`,
        sex: i % 2 === 0 ? '1' : '2',
        birthDate: `19${40 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
        currentAddress: { communeCode: '26911', street: `${i} Bình Quới` },
      },
    });
    elders.push(created.id);
  }
  for (const [i, residentId] of elders.entries()) {
    const screening = {
      residentId,
      screenedOn: today,
      healthClass: 2,
      examinerName: 'Lê Thị Thu',
      measurements: {
        heightCm: 150 + (i % 20),
        weightKg: 48 + (i % 25),
        waistCm: 80 + (i % 15),
        pulsePerMin: 70 + (i % 20),
        bloodPressure: {
          first: { systolic: 120 + (i % 50), diastolic: 70 + (i % 25) },
          second: { systolic: 118 + (i % 50), diastolic: 72 + (i % 25) },
        },
        glucose: { kind: 'fasting' as const, unit: 'mmol/L' as const, value: 5 + (i % 30) / 10 },
      },
      instruments: {
        prisma7: {
          olderThan85: 'no' as const,
          male: i % 2 === 0 ? ('yes' as const) : ('no' as const),
          healthLimitsActivities: 'no' as const,
          needsRegularHelp: 'no' as const,
          healthKeepsAtHome: 'no' as const,
          canCountOnSomeone: 'yes' as const,
          usesWalkingAid: 'no' as const,
        },
      },
    };
    const run = () => station.call('elderly.save', { id: null, expectedVersion: 0, screening });
    if (i < warmup) await run();
    else await timed(elderly, run);
  }

  // A school, a class imported from its roster, every guardian's consent recorded.
  const startYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 8 ? 0 : 1);
  const schoolRecord = await station.must('school.save', {
    name: 'Trường Tiểu học Bình Quới',
    level: 'primary',
    communeCode: '26911',
  });
  const schoolClass = await station.must('class.save', {
    schoolId: schoolRecord.id,
    schoolYear: `${startYear}-${startYear + 1}`,
    name: '5A',
    grade: 5,
  });
  const pupils = makeClassPupils(Math.min(count + warmup, 2000), {
    className: '5A',
    schoolYearStart: startYear,
  });
  const base64 = Buffer.from(rosterCsvText(pupils)).toString('base64');
  const preview = await station.must('roster.preview', {
    classId: schoolClass.id,
    fileName: 'lop-5a.csv',
    base64,
  });
  await station.must('roster.import', {
    classId: schoolClass.id,
    fileName: 'lop-5a.csv',
    base64,
    mapping: preview.mapping,
    decisions: preview.rows.map((row) => ({
      rowNumber: row.rowNumber,
      action: 'create' as const,
      residentId: null,
    })),
  });
  const enrolled = await station.must('class.get', { classId: schoolClass.id, round: 'I' });
  for (const pupil of enrolled.pupils) {
    await station.must('enrolment.setConsent', {
      classId: schoolClass.id,
      residentId: pupil.resident.id,
      consent: { guardian: true, guardianName: 'Phụ huynh', pupil: true, recordedOn: today },
    });
  }
  for (const [i, pupil] of enrolled.pupils.entries()) {
    const run = () =>
      station.call('pupil.saveScreening', {
        classId: schoolClass.id,
        residentId: pupil.resident.id,
        round: 'I',
        screenedOn: today,
        status: 'measured',
        expectedVersion: 0,
        measurements: {
          heightCm: 135 + (i % 15),
          weightKg: 28 + (i % 12),
          systolic: 95 + (i % 20),
          diastolic: 55 + (i % 15),
          heartRate: 80 + (i % 20),
          vision: { right: { uncorrected: '10/10' }, left: { uncorrected: `${6 + (i % 5)}/10` } },
        },
      });
    if (i < warmup) await run();
    else await timed(school, run);
  }
  return { elderly, school };
}
