import { z } from 'zod';
import {
  declarationSchema,
  type Declaration,
  type DeclarationVersion,
} from '../schemas/declaration';
import { isoDate, optionalIsoDate } from '../schemas/primitives';
import {
  DECLARATION_QUESTIONNAIRE,
  DECLARATION_QUESTIONNAIRE_CANONICAL,
  QD831_CODE_LISTS,
  qd831CodeSystem,
} from './fhir-systems';
import { patientReference, recordMeta } from './ids';
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseAnswer,
  QuestionnaireResponseItem,
} from './types';

/**
 * A form's zod schema read as a questionnaire: every object is a group, every array a
 * repeating item, every leaf an answer. linkIds are the field paths without indices
 * ("riskFactors.smoking.status", "allergies.agent"), so a schema that grows only adds
 * linkIds and never renames one. Screenings map their instrument answers the same way.
 */

type AnswerType = 'boolean' | 'integer' | 'decimal' | 'date' | 'string' | 'choice';

export interface ItemPlan {
  key: string;
  linkId: string;
  type: 'group' | AnswerType;
  repeats: boolean;
  children: ItemPlan[];
  /** choice items: the code system and the codes it may answer with. */
  system?: string;
  codes?: readonly string[];
}

export interface QuestionnaireMappingOptions {
  /** Where a choice item's codes come from, given its codes and linkId. */
  codeSystemFor(codes: readonly string[], linkId: string): string;
  /** Schemas (by identity) whose strings are calendar dates. */
  dateSchemas?: readonly z.ZodType[];
}

export interface QuestionnaireMapping {
  plan(): readonly ItemPlan[];
  questionnaireItems(): QuestionnaireItem[];
  responseItems(value: Record<string, unknown>): QuestionnaireResponseItem[];
}

export function createQuestionnaireMapping(
  schema: z.ZodObject,
  options: QuestionnaireMappingOptions,
): QuestionnaireMapping {
  let cached: ItemPlan[] | null = null;
  // Reading the schema is done once, on first use, not at import.
  const plan = (): ItemPlan[] => (cached ??= planObject(schema, '', options));
  return {
    plan,
    questionnaireItems: () => plan().map(questionnaireItem),
    responseItems: (value) => responseItems(plan(), value),
  };
}

function planObject(
  schema: z.ZodObject,
  prefix: string,
  options: QuestionnaireMappingOptions,
): ItemPlan[] {
  return Object.entries(schema.shape).map(([key, field]) =>
    planField(key, prefix ? `${prefix}.${key}` : key, field as z.ZodType, options),
  );
}

function planField(
  key: string,
  linkId: string,
  field: z.ZodType,
  options: QuestionnaireMappingOptions,
): ItemPlan {
  let schema: z.ZodType = field;
  let repeats = false;
  let isDate = false;
  for (;;) {
    if (options.dateSchemas?.includes(schema)) isDate = true;
    if (
      schema instanceof z.ZodDefault ||
      schema instanceof z.ZodNullable ||
      schema instanceof z.ZodOptional
    ) {
      schema = schema.unwrap() as z.ZodType;
    } else if (schema instanceof z.ZodPipe) {
      schema = schema.in as z.ZodType;
    } else if (schema instanceof z.ZodArray && !repeats) {
      repeats = true;
      schema = schema.element as z.ZodType;
    } else break;
  }
  const base = { key, linkId, repeats, children: [] };
  if (schema instanceof z.ZodObject) {
    return { ...base, type: 'group', children: planObject(schema, linkId, options) };
  }
  if (schema instanceof z.ZodEnum) {
    const codes = schema.options.map(String);
    return { ...base, type: 'choice', system: options.codeSystemFor(codes, linkId), codes };
  }
  if (schema instanceof z.ZodNumber) return { ...base, type: schema.isInt ? 'integer' : 'decimal' };
  if (schema instanceof z.ZodBoolean) return { ...base, type: 'boolean' };
  if (schema instanceof z.ZodString) return { ...base, type: isDate ? 'date' : 'string' };
  throw new TypeError(`no questionnaire item type for the schema of "${linkId}"`);
}

function questionnaireItem(plan: ItemPlan): QuestionnaireItem {
  const type = plan.type;
  return {
    linkId: plan.linkId,
    type,
    ...(plan.repeats ? { repeats: true } : {}),
    ...(type === 'choice'
      ? {
          answerOption: (plan.codes ?? [])
            .filter((code) => code !== '')
            .map((code) => ({ valueCoding: { system: plan.system as string, code } })),
        }
      : {}),
    ...(type === 'group' ? { item: plan.children.map(questionnaireItem) } : {}),
  };
}

function responseItems(
  plans: readonly ItemPlan[],
  value: Record<string, unknown>,
): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [];
  for (const plan of plans) {
    const v = value[plan.key];
    if (v === null || v === undefined) continue;
    if (plan.type === 'group') {
      // A repeating group is one item per repetition, all with the same linkId (FHIR R4).
      const groups = plan.repeats
        ? (v as Record<string, unknown>[])
        : [v as Record<string, unknown>];
      for (const group of groups) {
        const children = responseItems(plan.children, group);
        if (children.length > 0) items.push({ linkId: plan.linkId, item: children });
      }
      continue;
    }
    const answers = (plan.repeats ? (v as unknown[]) : [v])
      .map((a) => answer(plan, a))
      .filter((a): a is QuestionnaireResponseAnswer => a !== null);
    if (answers.length > 0) items.push({ linkId: plan.linkId, answer: answers });
  }
  return items;
}

/** One answer; null when the form left it blank ('' or null). */
function answer(plan: ItemPlan, v: unknown): QuestionnaireResponseAnswer | null {
  if (v === null || v === '') return null;
  const mismatch = (): never => {
    throw new TypeError(`"${plan.linkId}" holds a ${typeof v}; its item type is ${plan.type}`);
  };
  switch (plan.type) {
    case 'boolean':
      return typeof v === 'boolean' ? { valueBoolean: v } : mismatch();
    case 'integer':
      return Number.isInteger(v) ? { valueInteger: v as number } : mismatch();
    case 'decimal':
      return typeof v === 'number' ? { valueDecimal: v } : mismatch();
    case 'date':
      return typeof v === 'string' ? { valueDate: v } : mismatch();
    case 'string':
      return typeof v === 'string' ? { valueString: v } : mismatch();
    case 'choice':
      return typeof v === 'string'
        ? { valueCoding: { system: plan.system as string, code: v } }
        : mismatch();
    default:
      return mismatch();
  }
}

// -------------------------------------------------------------------------------------------
// The health declaration (QĐ 831/QĐ-BYT parts 2 and 3).

// Compared as sets: an enum's options may come back in another order than its list (object
// keys that look like integers are enumerated in ascending order).
const codeSetKey = (codes: readonly string[]): string => [...codes].sort().join('|');
const declarationCodeLists = new Map(
  QD831_CODE_LISTS.map(([name, codes]) => [codeSetKey(codes), name]),
);

const declarationMapping = createQuestionnaireMapping(declarationSchema, {
  codeSystemFor: (codes, linkId) =>
    qd831CodeSystem(declarationCodeLists.get(codeSetKey(codes)) ?? linkId),
  dateSchemas: [isoDate, optionalIsoDate],
});

/** The item tree of the declaration questionnaire (linkIds, types, repeats, answer codes). */
export function declarationItemPlan(): readonly ItemPlan[] {
  return declarationMapping.plan();
}

/** The Questionnaire every declaration QuestionnaireResponse answers, for receivers to check. */
export function buildDeclarationQuestionnaire(): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: 'qd-831-personal-health-record',
    url: DECLARATION_QUESTIONNAIRE.url,
    version: DECLARATION_QUESTIONNAIRE.version,
    name: 'QD831PersonalHealthRecord',
    title: 'Hồ sơ sức khỏe cá nhân (QĐ 831/QĐ-BYT) — Personal health record',
    status: 'active',
    subjectType: ['Patient'],
    item: declarationMapping.questionnaireItems(),
  };
}

/**
 * One submitted declaration version → QuestionnaireResponse: id = the declaration's id,
 * versionId = its version, every section as the form recorded it (vaccination rows and
 * consent ticks included; Immunization and Consent resources restate them).
 */
export function buildDeclarationQuestionnaireResponse(
  version: DeclarationVersion,
): QuestionnaireResponse {
  const item = declarationMapping.responseItems(
    version.declaration satisfies Declaration as unknown as Record<string, unknown>,
  );
  return {
    resourceType: 'QuestionnaireResponse',
    id: version.declarationId,
    meta: recordMeta(version.version, version.submitted.at),
    questionnaire: DECLARATION_QUESTIONNAIRE_CANONICAL,
    status: 'completed',
    subject: patientReference(version.residentId),
    authored: version.submitted.at,
    author: { display: version.submitted.userName },
    // The resident (or her representative) gave the answers; the worker typed them.
    source: patientReference(version.residentId),
    ...(item.length > 0 ? { item } : {}),
  };
}
