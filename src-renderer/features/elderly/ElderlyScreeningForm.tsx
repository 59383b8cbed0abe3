import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { FormProvider, useForm, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  assessElderlyScreening,
  type ElderlyAssessment,
  type ElderlyScreeningValues,
} from '../../../src-shared/clinical/elderly-assessment';
import { GLUCOSE_KINDS, GLUCOSE_UNITS } from '../../../src-shared/clinical/glucose';
import {
  ELDERLY_QUESTIONNAIRES,
  type QuestionnaireKey,
} from '../../../src-shared/clinical/instruments';
import { REFERRAL_REASON_LABELS, REFERRAL_REASONS } from '../../../src-shared/clinical/referral';
import { ageInYears, formatInstantInVietnam } from '../../../src-shared/domain/dates';
import {
  EXAM_SYSTEM_LABELS,
  EXAM_SYSTEMS,
  elderlyScreeningSchema,
  HEALTH_CLASS_LABELS,
  HEALTH_CLASSES,
  type ElderlyScreening,
} from '../../../src-shared/schemas/elderly-screening';
import type { ResidentRecord, SexCode } from '../../../src-shared/schemas/resident';
import { call } from '../../api/client';
import { announceDataChanged } from '../../app/events';
import { navigate } from '../../app/routes';
import { DateField } from '../../components/DateField';
import { applyServerIssues } from '../../components/issue-text';
import { AssessmentPanel } from './AssessmentPanel';
import { readDraft, removeDraft, writeDraft } from './draft';
import { errorAtPath, NullableSelect, NumberField, TextField } from './fields';
import type { ElderlyFormValues } from './form-values';
import { useLocalised } from './localised';
import { QuestionnaireSection } from './QuestionnaireSection';

interface ElderlyScreeningFormProps {
  record: ResidentRecord;
  /** The screening being corrected, or null for a new one. */
  screeningId: string | null;
  version: number;
  initial: ElderlyFormValues;
  draftKey: string;
}

const QUESTIONNAIRES = Object.keys(ELDERLY_QUESTIONNAIRES) as QuestionnaireKey[];
const SEVERITY_CLASSES = [1, 2, 3, 4, 5] as const;

export function ElderlyScreeningForm({
  record,
  screeningId,
  version,
  initial,
  draftKey,
}: ElderlyScreeningFormProps): ReactElement {
  const { t } = useTranslation();
  const local = useLocalised();
  const [draft] = useState(() => readDraft(draftKey));
  const [restored, setRestored] = useState(draft);
  const [draftSavedAt, setDraftSavedAt] = useState<string | null>(null);
  const [draftFailed, setDraftFailed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const baseline = useRef(JSON.stringify(initial));

  const form = useForm<ElderlyFormValues, unknown, ElderlyScreening>({
    resolver: zodResolver(elderlyScreeningSchema),
    defaultValues: draft?.values ?? initial,
  });
  const { control, formState, handleSubmit, register, reset, setError } = form;

  // Every change goes to the workstation's draft at once (see draft.ts for why there).
  const { subscribe } = form;
  const draftBase = draft?.baseVersion ?? version;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values: current }) => {
          if (JSON.stringify(current) === baseline.current) return;
          const savedAt = new Date().toISOString();
          const stored = writeDraft(draftKey, {
            baseVersion: draftBase,
            savedAt,
            values: current as ElderlyFormValues,
          });
          setDraftFailed(!stored);
          if (stored) setDraftSavedAt(savedAt);
        },
      }),
    [subscribe, draftKey, draftBase],
  );

  const discardDraft = (): void => {
    removeDraft(draftKey);
    baseline.current = JSON.stringify(initial);
    reset(initial);
    setRestored(null);
    setDraftSavedAt(null);
  };

  const submit = handleSubmit(
    async (screening) => {
      setFailure(null);
      setSaving(true);
      const result = await call('elderly.save', {
        id: screeningId,
        expectedVersion: version,
        screening,
      });
      setSaving(false);
      if (result.ok) {
        removeDraft(draftKey);
        announceDataChanged();
        navigate({ name: 'resident', id: record.id });
        return;
      }
      const { error } = result;
      if (error.code === 'INVALID_INPUT' || error.code === 'CONSENT_WITHDRAWN') {
        applyServerIssues(error, setError, ['screening']);
      }
      const under60 = error.issues?.some((i) => i.message === 'elderly.issues.under60');
      setFailure(
        error.code === 'CONFLICT'
          ? t('elderly.form.conflict')
          : under60
            ? t('elderly.issues.under60')
            : t(`errors.${error.code}`),
      );
    },
    () => setFailure(t('elderly.form.fixErrors')),
  );

  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void submitRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const errorAt = (path: string): string | undefined => errorAtPath(formState.errors, path, t);

  return (
    <FormProvider {...form}>
      <form
        className="elderly-form"
        noValidate
        aria-labelledby="elderly-title"
        onSubmit={(event) => void submit(event)}
      >
        <div className="elderly-form__main">
          {restored ? (
            <div className="banner banner--info row" role="status">
              <span>
                {t('elderly.draft.restored', { at: formatInstantInVietnam(restored.savedAt) })}
              </span>
              <button type="button" className="button button--small" onClick={discardDraft}>
                {t('elderly.draft.discard')}
              </button>
            </div>
          ) : null}
          <AgeWarning birthDate={record.resident.birthDate} />

          <section className="card" data-section="general">
            <h2>{t('elderly.sections.general')}</h2>
            <div className="grid grid--4">
              <DateField
                control={control}
                name="screenedOn"
                label={t('elderly.fields.screenedOn')}
                error={errorAt('screenedOn')}
                required
              />
              <TextField
                name="examinerName"
                label={t('elderly.fields.examinerName')}
                maxLength={100}
              />
            </div>
          </section>

          <section className="card" data-section="measurements">
            <h2>{t('elderly.sections.measurements')}</h2>
            <div className="elderly-grid">
              <NumberField
                name="measurements.heightCm"
                label={t('elderly.fields.height')}
                unit="cm"
                decimal
              />
              <NumberField
                name="measurements.weightKg"
                label={t('elderly.fields.weight')}
                unit="kg"
                decimal
              />
              <NumberField
                name="measurements.waistCm"
                label={t('elderly.fields.waist')}
                unit="cm"
                decimal
              />
              <NumberField
                name="measurements.pulsePerMin"
                label={t('elderly.fields.pulse')}
                unit={t('elderly.units.perMin')}
              />
            </div>
            <h3 className="elderly-subhead">{t('elderly.fields.bloodPressure')}</h3>
            <p className="muted elderly-hint">{t('elderly.hints.bloodPressure')}</p>
            <div className="elderly-grid">
              <NumberField
                name="measurements.bloodPressure.first.systolic"
                label={t('elderly.fields.systolic1')}
                unit="mmHg"
              />
              <NumberField
                name="measurements.bloodPressure.first.diastolic"
                label={t('elderly.fields.diastolic1')}
                unit="mmHg"
              />
              <NumberField
                name="measurements.bloodPressure.second.systolic"
                label={t('elderly.fields.systolic2')}
                unit="mmHg"
              />
              <NumberField
                name="measurements.bloodPressure.second.diastolic"
                label={t('elderly.fields.diastolic2')}
                unit="mmHg"
              />
            </div>
            <h3 className="elderly-subhead">{t('elderly.fields.glucose')}</h3>
            <div className="elderly-grid">
              <NullableSelect
                name="measurements.glucose.kind"
                label={t('elderly.fields.glucoseKind')}
                blank={t('elderly.fields.notTested')}
                options={GLUCOSE_KINDS.map((k) => ({
                  value: k,
                  label: t(`elderly.glucoseKind.${k}`),
                }))}
              />
              <NullableSelect
                name="measurements.glucose.unit"
                label={t('elderly.fields.glucoseUnit')}
                blank="—"
                options={GLUCOSE_UNITS.map((u) => ({ value: u, label: u }))}
              />
              <NumberField
                name="measurements.glucose.value"
                label={t('elderly.fields.glucoseValue')}
                decimal
              />
            </div>
          </section>

          <section className="card" data-section="senses">
            <h2>{t('elderly.sections.senses')}</h2>
            <p className="muted elderly-hint">{t('elderly.hints.senses')}</p>
            <div className="elderly-grid">
              <TextField
                name="vision.right.uncorrected"
                label={t('elderly.fields.visionRightUncorrected')}
                maxLength={5}
              />
              <TextField
                name="vision.left.uncorrected"
                label={t('elderly.fields.visionLeftUncorrected')}
                maxLength={5}
              />
              <TextField
                name="vision.right.corrected"
                label={t('elderly.fields.visionRightCorrected')}
                maxLength={5}
              />
              <TextField
                name="vision.left.corrected"
                label={t('elderly.fields.visionLeftCorrected')}
                maxLength={5}
              />
              <NumberField
                name="hearing.right.normalVoiceM"
                label={t('elderly.fields.hearingRightVoice')}
                unit="m"
                decimal
              />
              <NumberField
                name="hearing.right.whisperM"
                label={t('elderly.fields.hearingRightWhisper')}
                unit="m"
                decimal
              />
              <NumberField
                name="hearing.left.normalVoiceM"
                label={t('elderly.fields.hearingLeftVoice')}
                unit="m"
                decimal
              />
              <NumberField
                name="hearing.left.whisperM"
                label={t('elderly.fields.hearingLeftWhisper')}
                unit="m"
                decimal
              />
            </div>
            <div className="grid grid--2">
              <TextField
                name="dental.upperJaw"
                label={t('elderly.fields.upperJaw')}
                maxLength={300}
              />
              <TextField
                name="dental.lowerJaw"
                label={t('elderly.fields.lowerJaw')}
                maxLength={300}
              />
            </div>
          </section>

          <section className="card" data-section="systems">
            <h2>{t('elderly.sections.systems')}</h2>
            <table className="table elderly-systems">
              <thead>
                <tr>
                  <th scope="col">{t('elderly.fields.system')}</th>
                  <th scope="col">{t('elderly.fields.systemClass')}</th>
                  <th scope="col">{t('elderly.fields.systemNote')}</th>
                </tr>
              </thead>
              <tbody>
                {EXAM_SYSTEMS.map((system) => (
                  <tr key={system}>
                    <th scope="row" id={`system-${system}`}>
                      {local(EXAM_SYSTEM_LABELS[system])}
                    </th>
                    <td>
                      <select
                        className="input"
                        aria-labelledby={`system-${system}`}
                        {...register(`systemExams.${system}.class`, {
                          setValueAs: (v: unknown) => (v === '' || v === null ? null : Number(v)),
                        })}
                      >
                        <option value="">—</option>
                        {SEVERITY_CLASSES.map((c) => (
                          <option key={c} value={c}>
                            {t('elderly.fields.classN', { n: c })}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        className="input"
                        autoComplete="off"
                        maxLength={500}
                        aria-label={t('elderly.fields.systemNoteFor', {
                          system: local(EXAM_SYSTEM_LABELS[system]),
                        })}
                        {...register(`systemExams.${system}.note`)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section data-section="instruments" className="elderly-instruments">
            <h2>{t('elderly.sections.instruments')}</h2>
            {QUESTIONNAIRES.map((key) => (
              <QuestionnaireSection key={key} instrument={key} />
            ))}
            <div className="card">
              <NumberField
                name="instruments.timedUpAndGoSeconds"
                label={t('elderly.fields.timedUpAndGo')}
                unit={t('elderly.units.seconds')}
                decimal
              />
            </div>
          </section>

          <section className="card" data-section="conclusion">
            <h2>{t('elderly.sections.conclusion')}</h2>
            <div className="grid grid--2">
              <NullableSelect
                name="healthClass"
                numeric
                label={t('elderly.fields.healthClass')}
                blank={t('elderly.fields.choose')}
                options={HEALTH_CLASSES.map((c) => ({
                  value: c,
                  label: local(HEALTH_CLASS_LABELS[c]),
                }))}
              />
              <TextField
                name="conclusion"
                label={t('elderly.fields.conclusion')}
                maxLength={2000}
              />
            </div>
          </section>

          <ReferralSection sex={record.resident.sex} />

          {failure ? (
            <p className="banner banner--error" role="alert">
              {failure}
            </p>
          ) : null}
          <div className="row elderly-form__actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {t('elderly.form.save')}
            </button>
            <kbd>Ctrl+S</kbd>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => navigate({ name: 'resident', id: record.id })}
            >
              {t('elderly.form.back')}
            </button>
            <span className="muted" role="status">
              {draftFailed
                ? t('elderly.draft.failed')
                : draftSavedAt
                  ? t('elderly.draft.saved', { at: formatInstantInVietnam(draftSavedAt) })
                  : ''}
            </span>
          </div>
        </div>
        <aside className="elderly-form__side">
          <LiveAssessment sex={record.resident.sex} />
        </aside>
      </form>
    </FormProvider>
  );
}

/** The classifications of what the form holds now; only the parts that show them re-render. */
function useLiveAssessment(sex: SexCode): ElderlyAssessment {
  const { control } = useFormContext<ElderlyFormValues>();
  const values = useWatch({ control }) as ElderlyScreeningValues;
  return useMemo(() => assessElderlyScreening(values, { sex }), [values, sex]);
}

function LiveAssessment({ sex }: { sex: SexCode }): ReactElement {
  return <AssessmentPanel assessment={useLiveAssessment(sex)} />;
}

/** The Law on the Elderly (2009) covers people aged 60+; said before the main side refuses. */
function AgeWarning({ birthDate }: { birthDate: string }): ReactElement | null {
  const { t } = useTranslation();
  const { control } = useFormContext<ElderlyFormValues>();
  const screenedOn = useWatch({ control, name: 'screenedOn' });
  if (typeof screenedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(screenedOn)) return null;
  return ageInYears(birthDate, screenedOn) < 60 ? (
    <p className="banner banner--warning">{t('elderly.issues.under60')}</p>
  ) : null;
}

/**
 * Her referral decision, beside what the findings suggest (docs/clinical.md, "Referral"): the
 * suggestions are marked and can be taken in one step; nothing is referred without her.
 */
function ReferralSection({ sex }: { sex: SexCode }): ReactElement {
  const { t } = useTranslation();
  const local = useLocalised();
  const { control, formState, register, setValue } = useFormContext<ElderlyFormValues>();
  const errorAt = (path: string): string | undefined => errorAtPath(formState.errors, path, t);
  const suggested = useLiveAssessment(sex).suggestedReferrals.map((s) => s.reason);
  const chosen = useWatch({ control, name: 'referral.reasons' }) ?? [];
  return (
    <section className="card" data-section="referral">
      <h2>{t('elderly.sections.referral')}</h2>
      <label className="elderly-check">
        <input type="checkbox" {...register('referral.referred')} /> {t('elderly.fields.referred')}
      </label>
      {errorAt('referral.referred') ? (
        <span className="field__error" role="alert">
          {t(errorAt('referral.referred') ?? '')}
        </span>
      ) : null}
      {suggested.length > 0 ? (
        <div className="row elderly-suggest">
          <span className="muted">
            {t('elderly.referral.suggestedCount', { count: suggested.length })}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setValue('referral.referred', true, { shouldDirty: true });
              setValue('referral.reasons', [...new Set([...chosen, ...suggested])], {
                shouldDirty: true,
              });
            }}
          >
            {t('elderly.referral.useSuggested')}
          </button>
        </div>
      ) : null}
      <fieldset className="elderly-reasons">
        <legend>{t('elderly.fields.reasons')}</legend>
        {REFERRAL_REASONS.map((reason) => (
          <label key={reason} className="elderly-check">
            <input type="checkbox" value={reason} {...register('referral.reasons')} />{' '}
            {local(REFERRAL_REASON_LABELS[reason])}
            {suggested.includes(reason) ? (
              <span className="badge badge--warn">{t('elderly.referral.suggested')}</span>
            ) : null}
          </label>
        ))}
        {errorAt('referral.reasons') ? (
          <span className="field__error" role="alert">
            {t(errorAt('referral.reasons') ?? '')}
          </span>
        ) : null}
      </fieldset>
      <div className="grid grid--2">
        <TextField name="referral.to" label={t('elderly.fields.referredTo')} maxLength={200} />
        <TextField name="referral.note" label={t('elderly.fields.referralNote')} maxLength={500} />
      </div>
    </section>
  );
}
