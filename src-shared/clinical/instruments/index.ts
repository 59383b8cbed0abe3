export { GDS_15 } from './gds-15';
export { KATZ_ADL } from './katz-adl';
export { LAWTON_IADL } from './lawton-iadl';
export { MINI_COG_INSTRUMENT } from './mini-cog';
export { PRISMA_7 } from './prisma-7';
export {
  type AnswerOption,
  type AnswersOf,
  assessQuestionnaire,
  defineQuestionnaire,
  type FlagRule,
  type InstrumentAssessment,
  type Questionnaire,
  type QuestionnaireItem,
  YES_NO,
  type YesNo,
  yesNoItem,
} from './questionnaire';
export {
  classifyTimedUpAndGo,
  TIMED_UP_AND_GO,
  type TugAssessment,
  type TugCategory,
} from './timed-up-and-go';

import { GDS_15 } from './gds-15';
import { KATZ_ADL } from './katz-adl';
import { LAWTON_IADL } from './lawton-iadl';
import { MINI_COG_INSTRUMENT } from './mini-cog';
import { PRISMA_7 } from './prisma-7';

/** The item-level questionnaires of the elderly screening, keyed as in the screening record. */
export const ELDERLY_QUESTIONNAIRES = {
  katzAdl: KATZ_ADL,
  lawtonIadl: LAWTON_IADL,
  gds15: GDS_15,
  miniCog: MINI_COG_INSTRUMENT,
  prisma7: PRISMA_7,
} as const;
export type QuestionnaireKey = keyof typeof ELDERLY_QUESTIONNAIRES;
