/**
 * Per-pupil cost of assessPupil (WHO z-scores, children's blood pressure, vision, teeth,
 * spine, referral reasons) over 10 000 synthetic pupils of mixed ages: preschool (WHO 2006
 * by day) to upper secondary (WHO 2007 by interpolated month). The pupils are drawn before
 * the clock starts, so only the assessment is timed. Wired into `npm run bench` by bench/run.ts.
 */
import { pupilMeasurementsSchema, type PupilMeasurements } from '../src-shared/schemas/school';
import { assessPupil, type PupilAssessmentInput } from '../src-shared/school/pupil-assessment';
import { Prng } from './prng';

const PUPILS = 10_000;
const MEASURED_ON = '2026-03-02';
const DAY_MS = 86_400_000;

function isoDaysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

function syntheticPupils(count: number, seed: number): PupilAssessmentInput[] {
  const prng = new Prng(seed);
  const between = (min: number, max: number) => min + prng.next() * (max - min);
  const acuity = () => `${Math.min(10, 5 + Math.floor(prng.next() * 7))}/10`;
  return Array.from({ length: count }, () => {
    // 3 to 18 years: kindergarten to grade 12.
    const ageDays = Math.floor(between(3 * 365.25, 18 * 365.25));
    const years = ageDays / 365.25;
    const heightCm = Math.round((75 + years * 6 + between(-10, 10)) * 10) / 10;
    const bmi = between(12, 28);
    const systolic = Math.round(between(85, 135));
    const measurements: PupilMeasurements = pupilMeasurementsSchema.parse({
      heightCm,
      weightKg: Math.round(bmi * (heightCm / 100) ** 2 * 10) / 10,
      systolic,
      diastolic: Math.round(systolic * between(0.5, 0.7)),
      vision: { right: { uncorrected: acuity() }, left: { uncorrected: acuity() } },
      dental: { upper: prng.next() < 0.2 ? 'Sâu răng 16' : 'BT' },
      spine: { scoliosis: prng.next() < 0.05 ? 'C' : 'none' },
    });
    return {
      sex: prng.next() < 0.5 ? '1' : '2',
      birthDate: isoDaysBefore(MEASURED_ON, ageDays),
      measuredOn: MEASURED_ON,
      measurements,
      round: 'I',
    };
  });
}

export function measureAssessPupil(seed = 20260302): { perPupilMicroseconds: number } {
  const pupils = syntheticPupils(PUPILS, seed);
  // Warm-up: the first calls load the WHO tables and let the JIT settle.
  for (const pupil of pupils.slice(0, 500)) assessPupil(pupil);
  let referred = 0;
  const start = process.hrtime.bigint();
  for (const pupil of pupils) referred += assessPupil(pupil).referralReasons.length;
  const elapsedNs = Number(process.hrtime.bigint() - start);
  // Keeps the results observable so the loop cannot be optimised away.
  if (referred < 0) throw new Error('unreachable');
  return { perPupilMicroseconds: elapsedNs / 1000 / pupils.length };
}
