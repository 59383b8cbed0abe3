import type { ReactElement } from 'react';
import { useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  assessQuestionnaire,
  ELDERLY_QUESTIONNAIRES,
  type Questionnaire,
  type QuestionnaireKey,
} from '../../../src-shared/clinical/instruments';
import { useFieldError } from './fields';
import type { ElderlyFormValues } from './form-values';
import { useLocalised } from './localised';

/**
 * One instrument as its published items, answered one by one: the score is computed from the
 * answers (never typed), shown as soon as the last item is answered. Keyboard: Tab reaches
 * each item, the arrow keys choose its answer.
 */
export function QuestionnaireSection({
  instrument,
}: {
  instrument: QuestionnaireKey;
}): ReactElement {
  const { t } = useTranslation();
  const local = useLocalised();
  const { control, register, setValue } = useFormContext<ElderlyFormValues>();
  const errorAt = useFieldError();
  const q = ELDERLY_QUESTIONNAIRES[instrument];
  const answers = useWatch({ control, name: `instruments.${instrument}` });
  const assessment = assessQuestionnaire(
    q as Questionnaire,
    answers as Readonly<Record<string, string | null>> | null,
  );
  const status =
    assessment.status === 'scored'
      ? t('elderly.assessment.score', { score: assessment.score, max: assessment.maxScore })
      : assessment.status === 'incomplete'
        ? t('elderly.assessment.incomplete', {
            answered: assessment.answered,
            total: assessment.total,
          })
        : t('elderly.assessment.notDone');

  return (
    <fieldset className="card elderly-questionnaire" data-instrument={instrument}>
      <legend>
        {local(q.name)}{' '}
        <span
          className={`badge ${assessment.status === 'scored' && assessment.flagged ? 'badge--warn' : 'badge--ok'}`}
          data-testid={`score-${instrument}`}
        >
          {status}
        </span>
      </legend>
      <ol className="elderly-items">
        {q.items.map((item) => {
          const path = `instruments.${instrument}.${item.id}` as FieldPath<ElderlyFormValues>;
          const labelId = `${instrument}-${item.id}-label`;
          const error = errorAt(path);
          return (
            <li key={item.id} className="elderly-item">
              <span id={labelId} className="elderly-item__text">
                <span className="elderly-item__number">{item.number}.</span> {local(item.text)}
              </span>
              <span
                role="radiogroup"
                aria-labelledby={labelId}
                aria-invalid={error ? true : undefined}
                className="elderly-item__options"
              >
                {item.options.map((option) => (
                  <label key={option.value} className="elderly-option">
                    <input type="radio" value={option.value} {...register(path)} />{' '}
                    {local(option.label)}
                  </label>
                ))}
              </span>
              {error ? (
                <span className="field__error" role="alert">
                  {t(error)}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="row elderly-questionnaire__foot">
        <span className="muted elderly-questionnaire__source">{q.source}</span>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => {
            for (const item of q.items) {
              setValue(
                `instruments.${instrument}.${item.id}` as FieldPath<ElderlyFormValues>,
                null as never,
                {
                  shouldDirty: true,
                },
              );
            }
          }}
        >
          {t('elderly.instruments.clear')}
        </button>
      </div>
    </fieldset>
  );
}
