import {
  ELDERLY_QUESTIONNAIRES,
  type QuestionnaireKey,
} from '../../../src-shared/clinical/instruments';
import {
  EXAM_SYSTEMS,
  type ElderlyScreening,
  type ElderlyScreeningInput,
} from '../../../src-shared/schemas/elderly-screening';

/** What the form holds: the schema's input, every group present so every field registers. */
export type ElderlyFormValues = ElderlyScreeningInput;

const QUESTIONNAIRE_KEYS = Object.keys(ELDERLY_QUESTIONNAIRES) as QuestionnaireKey[];

function unanswered(key: QuestionnaireKey): Record<string, null> {
  return Object.fromEntries(ELDERLY_QUESTIONNAIRES[key].items.map((item) => [item.id, null]));
}

const eye = (e?: { uncorrected: string | null; corrected: string | null }) => ({
  uncorrected: e?.uncorrected ?? '',
  corrected: e?.corrected ?? '',
});

/**
 * A blank screening for today, or a stored one made editable again: the normalised glucose
 * goes back to what was entered, unmeasured acuity to an empty field, skipped questionnaires
 * to unanswered items.
 */
export function toFormValues(
  residentId: string,
  defaults: { screenedOn: string; examinerName: string },
  stored?: ElderlyScreening,
): ElderlyFormValues {
  const m = stored?.measurements;
  const bp = (r?: { systolic: number | null; diastolic: number | null }) => ({
    systolic: r?.systolic ?? null,
    diastolic: r?.diastolic ?? null,
  });
  const ear = (e?: { normalVoiceM: number | null; whisperM: number | null }) => ({
    normalVoiceM: e?.normalVoiceM ?? null,
    whisperM: e?.whisperM ?? null,
  });
  return {
    residentId,
    screenedOn: stored?.screenedOn ?? defaults.screenedOn,
    examinerName: stored?.examinerName ?? defaults.examinerName,
    measurements: {
      heightCm: m?.heightCm ?? null,
      weightKg: m?.weightKg ?? null,
      waistCm: m?.waistCm ?? null,
      pulsePerMin: m?.pulsePerMin ?? null,
      bloodPressure: { first: bp(m?.bloodPressure.first), second: bp(m?.bloodPressure.second) },
      glucose: {
        kind: m?.glucose?.kind ?? null,
        unit: m?.glucose?.unit ?? 'mmol/L',
        value: m?.glucose?.value ?? null,
      },
    },
    vision: {
      right: eye(stored?.vision.right),
      left: eye(stored?.vision.left),
      note: stored?.vision.note ?? '',
    },
    hearing: {
      right: ear(stored?.hearing.right),
      left: ear(stored?.hearing.left),
      note: stored?.hearing.note ?? '',
    },
    dental: {
      upperJaw: stored?.dental.upperJaw ?? '',
      lowerJaw: stored?.dental.lowerJaw ?? '',
    },
    systemExams: Object.fromEntries(
      EXAM_SYSTEMS.map((system) => [
        system,
        {
          class: stored?.systemExams[system].class ?? null,
          note: stored?.systemExams[system].note ?? '',
        },
      ]),
    ) as ElderlyFormValues['systemExams'],
    instruments: {
      ...(Object.fromEntries(
        QUESTIONNAIRE_KEYS.map((key) => [key, stored?.instruments[key] ?? unanswered(key)]),
      ) as Omit<NonNullable<ElderlyFormValues['instruments']>, 'timedUpAndGoSeconds'>),
      timedUpAndGoSeconds: stored?.instruments.timedUpAndGoSeconds ?? null,
    },
    healthClass: (stored?.healthClass ?? null) as unknown as number,
    referral: {
      referred: stored?.referral.referred ?? false,
      to: stored?.referral.to ?? '',
      reasons: stored?.referral.reasons ?? [],
      note: stored?.referral.note ?? '',
    },
    conclusion: stored?.conclusion ?? '',
  };
}
