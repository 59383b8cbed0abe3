import type { LocalisedText } from '../types';

/** One answer a resident can give to an item, and the points it carries. */
export interface AnswerOption<Value extends string = string> {
  readonly value: Value;
  readonly label: LocalisedText;
  readonly points: number;
}

export interface QuestionnaireItem<Id extends string = string, Value extends string = string> {
  readonly id: Id;
  /** The item's number on the published instrument. */
  readonly number: number;
  readonly text: LocalisedText;
  readonly options: readonly AnswerOption<Value>[];
}

/** Item id → the chosen option's value, or null while unanswered. */
export type AnswersOf<Items extends readonly QuestionnaireItem[]> = {
  [Item in Items[number] as Item['id']]: Item['options'][number]['value'] | null;
};

/** `atLeast`: flagged when score ≥ cutOff; `below`: flagged when score < cutOff. */
export interface FlagRule {
  readonly when: 'atLeast' | 'below';
  readonly cutOff: number;
}

export interface QuestionnaireDefinition<Items extends readonly QuestionnaireItem[]> {
  readonly id: string;
  readonly name: LocalisedText;
  readonly items: Items;
  readonly flagRule: FlagRule;
  /** What a flagged score suggests, for the health worker. */
  readonly flagLabel: LocalisedText;
  readonly source: string;
  /** The cut-off is from international literature and not verified for Vietnam ([check]). */
  readonly check: boolean;
}

export interface Questionnaire<
  Items extends readonly QuestionnaireItem[] = readonly QuestionnaireItem[],
> extends QuestionnaireDefinition<Items> {
  readonly maxScore: number;
  /**
   * The total, or null while any item is unanswered (or holds an answer the item does not
   * offer): a partial questionnaire is never scored.
   */
  score(answers: Partial<AnswersOf<Items>> | null | undefined): number | null;
  isFlagged(score: number): boolean;
}

export function defineQuestionnaire<const Items extends readonly QuestionnaireItem[]>(
  definition: QuestionnaireDefinition<Items>,
): Questionnaire<Items> {
  const maxScore = definition.items.reduce(
    (sum, item) => sum + Math.max(...item.options.map((o) => o.points)),
    0,
  );
  return {
    ...definition,
    maxScore,
    score(answers) {
      const given = (answers ?? {}) as Readonly<Record<string, string | null | undefined>>;
      let total = 0;
      for (const item of definition.items) {
        const chosen = item.options.find((o) => o.value === given[item.id]);
        if (chosen === undefined) return null;
        total += chosen.points;
      }
      return total;
    },
    isFlagged(score) {
      return definition.flagRule.when === 'atLeast'
        ? score >= definition.flagRule.cutOff
        : score < definition.flagRule.cutOff;
    },
  };
}

export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

const YES: LocalisedText = { vi: 'Có', en: 'Yes' };
const NO: LocalisedText = { vi: 'Không', en: 'No' };

/** A yes/no item where `scoringAnswer` earns the point and the other answer earns none. */
export function yesNoItem<const Id extends string>(
  id: Id,
  number: number,
  text: LocalisedText,
  scoringAnswer: YesNo,
): QuestionnaireItem<Id, YesNo> {
  return {
    id,
    number,
    text,
    options: [
      { value: 'yes', label: YES, points: scoringAnswer === 'yes' ? 1 : 0 },
      { value: 'no', label: NO, points: scoringAnswer === 'no' ? 1 : 0 },
    ],
  };
}

/** How far a questionnaire got; a skipped one is `notDone`, never a zero score. */
export type InstrumentAssessment =
  | { readonly status: 'notDone' }
  | { readonly status: 'incomplete'; readonly answered: number; readonly total: number }
  | {
      readonly status: 'scored';
      readonly score: number;
      readonly maxScore: number;
      readonly flagged: boolean;
      readonly source: string;
    };

export function assessQuestionnaire<Items extends readonly QuestionnaireItem[]>(
  questionnaire: Questionnaire<Items>,
  answers: Partial<AnswersOf<Items>> | null | undefined,
): InstrumentAssessment {
  const given = (answers ?? {}) as Readonly<Record<string, string | null | undefined>>;
  const answered = questionnaire.items.filter((item) =>
    item.options.some((o) => o.value === given[item.id]),
  ).length;
  if (answered === 0) return { status: 'notDone' };
  const score = questionnaire.score(answers);
  if (score === null) return { status: 'incomplete', answered, total: questionnaire.items.length };
  return {
    status: 'scored',
    score,
    maxScore: questionnaire.maxScore,
    flagged: questionnaire.isFlagged(score),
    source: questionnaire.source,
  };
}
