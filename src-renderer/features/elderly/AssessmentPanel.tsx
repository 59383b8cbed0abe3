import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BMI_LABELS, WAIST_LABELS } from '../../../src-shared/clinical/adult-body';
import { BLOOD_PRESSURE_LABELS } from '../../../src-shared/clinical/blood-pressure';
import type { ElderlyAssessment } from '../../../src-shared/clinical/elderly-assessment';
import { GLUCOSE_LABELS } from '../../../src-shared/clinical/glucose';
import {
  ELDERLY_QUESTIONNAIRES,
  type InstrumentAssessment,
  type QuestionnaireKey,
  TIMED_UP_AND_GO,
} from '../../../src-shared/clinical/instruments';
import { REFERRAL_REASON_LABELS } from '../../../src-shared/clinical/referral';
import type { Classification } from '../../../src-shared/clinical/types';
import { useIssueText } from '../../components/issue-text';
import { useDecimal, useLocalised } from './localised';

type Tone = 'ok' | 'warn' | 'muted' | 'error';

function Finding({
  label,
  value,
  tone,
  source,
  testId,
}: {
  label: string;
  value: ReactNode;
  tone: Tone;
  source?: string | undefined;
  testId: string;
}): ReactElement {
  return (
    <div className={`elderly-finding elderly-finding--${tone}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="elderly-finding__value">{value}</span>
        {source ? <span className="elderly-finding__source">{source}</span> : null}
      </dd>
    </div>
  );
}

/** A classification's text, or why there is none yet; implausible values are never classified. */
function useClassificationText(): (
  c: Classification<string>,
  classified: () => { text: string; tone: Tone },
) => { text: string; tone: Tone; source?: string } {
  const { t } = useTranslation();
  const issueText = useIssueText();
  return (c, classified) => {
    if (c.status === 'missing') return { text: t('elderly.assessment.notMeasured'), tone: 'muted' };
    if (c.status === 'implausible') return { text: issueText(c.message), tone: 'error' };
    return { ...classified(), source: c.source };
  };
}

/**
 * Every classification of the screening as she types, each with the guideline it follows
 * (thresholds: src-shared/clinical/thresholds.ts, docs/clinical.md), and the referrals the
 * findings suggest. Only shows: the decision is hers, in the referral section.
 */
export function AssessmentPanel({ assessment }: { assessment: ElderlyAssessment }): ReactElement {
  const { t } = useTranslation();
  const local = useLocalised();
  const decimal = useDecimal();
  const describe = useClassificationText();
  const a = assessment;

  const bp = describe(a.bloodPressure, () => {
    const c = a.bloodPressure as Extract<typeof a.bloodPressure, { status: 'classified' }>;
    return {
      text: t('elderly.assessment.bpValue', {
        systolic: decimal(c.systolic),
        diastolic: decimal(c.diastolic),
        count: c.readingCount,
        category: local(BLOOD_PRESSURE_LABELS[c.category]),
      }),
      tone: c.hypertension ? 'warn' : c.category === 'normal' ? 'ok' : 'warn',
    };
  });
  const bmi = describe(a.bmi, () => {
    const c = a.bmi as Extract<typeof a.bmi, { status: 'classified' }>;
    return {
      text: t('elderly.assessment.bmiValue', {
        bmi: decimal(c.bmi, 1, true),
        category: local(BMI_LABELS[c.category]),
      }),
      tone: c.category === 'normal' ? 'ok' : 'warn',
    };
  });
  const waist = describe(a.waist, () => {
    const c = a.waist as Extract<typeof a.waist, { status: 'classified' }>;
    return {
      text: t('elderly.assessment.waistValue', {
        category: local(WAIST_LABELS[c.category]),
        cutOff: c.cutOffCm,
      }),
      tone: c.category === 'normal' ? 'ok' : 'warn',
    };
  });
  const glucose = describe(a.glucose, () => {
    const c = a.glucose as Extract<typeof a.glucose, { status: 'classified' }>;
    return {
      text: t('elderly.assessment.glucoseValue', {
        mmol: decimal(c.mmolPerL, 2),
        category: local(GLUCOSE_LABELS[c.category]),
      }),
      tone:
        c.category === 'normal' ? 'ok' : c.category === 'randomBelowDiabetes' ? 'muted' : 'warn',
    };
  });
  const tug = describe(a.instruments.timedUpAndGo, () => {
    const c = a.instruments.timedUpAndGo as Extract<
      typeof a.instruments.timedUpAndGo,
      { status: 'classified' }
    >;
    return c.category === 'fallRisk'
      ? { text: local(TIMED_UP_AND_GO.flagLabel), tone: 'warn' }
      : { text: t('elderly.assessment.tugNormal'), tone: 'ok' };
  });

  const instrument = (key: QuestionnaireKey, result: InstrumentAssessment) => {
    const q = ELDERLY_QUESTIONNAIRES[key];
    if (result.status === 'notDone')
      return { text: t('elderly.assessment.notDone'), tone: 'muted' as Tone };
    if (result.status === 'incomplete')
      return {
        text: t('elderly.assessment.incomplete', {
          answered: result.answered,
          total: result.total,
        }),
        tone: 'muted' as Tone,
      };
    return {
      text: `${t('elderly.assessment.score', { score: result.score, max: result.maxScore })}${
        result.flagged ? ` — ${local(q.flagLabel)}` : ''
      }`,
      tone: (result.flagged ? 'warn' : 'ok') as Tone,
      source: result.source,
    };
  };

  return (
    <section
      className="card elderly-assessment"
      aria-labelledby="elderly-assessment-title"
      aria-live="polite"
    >
      <h2 id="elderly-assessment-title">{t('elderly.assessment.title')}</h2>
      <dl className="elderly-findings">
        <Finding
          testId="assessment-bp"
          label={t('elderly.assessment.bp')}
          value={bp.text}
          tone={bp.tone}
          source={bp.source}
        />
        <Finding
          testId="assessment-bmi"
          label={t('elderly.assessment.bmi')}
          value={bmi.text}
          tone={bmi.tone}
          source={bmi.source}
        />
        <Finding
          testId="assessment-waist"
          label={t('elderly.assessment.waist')}
          value={waist.text}
          tone={waist.tone}
          source={waist.source}
        />
        <Finding
          testId="assessment-glucose"
          label={t('elderly.assessment.glucose')}
          value={glucose.text}
          tone={glucose.tone}
          source={glucose.source}
        />
        {(Object.keys(ELDERLY_QUESTIONNAIRES) as QuestionnaireKey[]).map((key) => {
          const r = instrument(key, a.instruments[key]);
          return (
            <Finding
              key={key}
              testId={`assessment-${key}`}
              label={t(`elderly.instruments.short.${key}`)}
              value={r.text}
              tone={r.tone}
              source={r.source}
            />
          );
        })}
        <Finding
          testId="assessment-tug"
          label={t('elderly.instruments.short.timedUpAndGo')}
          value={tug.text}
          tone={tug.tone}
          source={tug.source}
        />
      </dl>
      <h3 className="elderly-assessment__sub">{t('elderly.assessment.suggested')}</h3>
      {a.suggestedReferrals.length === 0 ? (
        <p className="muted">{t('elderly.assessment.noSuggestion')}</p>
      ) : (
        <ul className="elderly-suggestions" data-testid="suggested-referrals">
          {a.suggestedReferrals.map((s) => (
            <li key={s.reason}>{local(REFERRAL_REASON_LABELS[s.reason])}</li>
          ))}
        </ul>
      )}
      <p className="muted elderly-assessment__version">
        {t('elderly.assessment.thresholds', { version: a.thresholdsVersion })}
      </p>
    </section>
  );
}
