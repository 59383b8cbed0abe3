import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DECLARATION_QUESTIONNAIRE_CANONICAL,
  qd831CodeSystem,
  QD831_CODE_LISTS,
} from '../../../../src-shared/fhir/fhir-systems';
import {
  buildDeclarationQuestionnaire,
  buildDeclarationQuestionnaireResponse,
  createQuestionnaireMapping,
  declarationItemPlan,
  type ItemPlan,
} from '../../../../src-shared/fhir/questionnaire-response';
import type { QuestionnaireResponseItem } from '../../../../src-shared/fhir/types';
import { anhDeclaration, IDS, khoiDeclaration } from '../../../support/fhir-fixtures';

const flatten = (plans: readonly ItemPlan[]): ItemPlan[] =>
  plans.flatMap((p) => [p, ...flatten(p.children)]);

const find = (items: QuestionnaireResponseItem[] | undefined, linkId: string) =>
  (items ?? []).filter((i) => i.linkId === linkId);

describe('declaration → QuestionnaireResponse', () => {
  const response = buildDeclarationQuestionnaireResponse(anhDeclaration);

  it('is the declaration version: its id, version, author and time, about the resident', () => {
    expect(response).toMatchObject({
      id: IDS.anhDeclaration,
      meta: { versionId: '1', lastUpdated: '2026-03-02T03:30:00.000Z' },
      questionnaire: DECLARATION_QUESTIONNAIRE_CANONICAL,
      status: 'completed',
      subject: { reference: `Patient/${IDS.anh}` },
      authored: '2026-03-02T03:30:00.000Z',
      author: { display: 'Lê Thị Thu' },
    });
    expect(buildDeclarationQuestionnaireResponse(anhDeclaration)).toStrictEqual(response);
  });

  it('derives linkIds from the schema paths, one section group each, in schema order', () => {
    expect([...new Set(response.item?.map((i) => i.linkId))]).toEqual([
      'birth',
      'riskFactors',
      'disabilities',
      'allergies',
      'diseases',
      'surgeries',
      'familyHistory',
      'reproductive',
      'vaccinations',
      'consent',
    ]);
    const smoking = find(find(response.item, 'riskFactors')[0]?.item, 'riskFactors.smoking')[0];
    expect(smoking?.item?.map((i) => i.linkId)).toEqual([
      'riskFactors.smoking.status',
      'riskFactors.smoking.quit',
    ]);
  });

  it('repeats a group item per row, leaving blank answers out', () => {
    const allergies = find(response.item, 'allergies');
    expect(allergies).toHaveLength(2);
    expect(allergies[1]?.item).toEqual([
      {
        linkId: 'allergies.kind',
        answer: [{ valueCoding: { system: qd831CodeSystem('allergy-kind'), code: '3' } }],
      },
      { linkId: 'allergies.agent', answer: [{ valueString: 'Tôm' }] },
    ]);
    expect(find(response.item, 'vaccinations')).toHaveLength(6);
  });

  it('answers with the value type of the schema: integer, decimal, date, boolean, coding', () => {
    const birth = find(response.item, 'birth')[0]?.item ?? [];
    expect(find(birth, 'birth.birthWeightG')[0]?.answer).toEqual([{ valueInteger: 3100 }]);
    expect(find(birth, 'birth.birthLengthCm')[0]?.answer).toEqual([{ valueDecimal: 49.5 }]);
    const bcg = find(response.item, 'vaccinations')[0]?.item ?? [];
    expect(find(bcg, 'vaccinations.date')[0]?.answer).toEqual([{ valueDate: '1985-05-01' }]);
    expect(find(bcg, 'vaccinations.status')[0]?.answer).toEqual([
      { valueCoding: { system: qd831CodeSystem('vaccination-status'), code: '1' } },
    ]);
    const consent = find(response.item, 'consent')[0]?.item ?? [];
    expect(find(consent, 'consent.statistics')[0]?.answer).toEqual([{ valueBoolean: true }]);
  });

  it('leaves out sections the form left empty', () => {
    const child = buildDeclarationQuestionnaireResponse(khoiDeclaration);
    expect(find(child.item, 'allergies')).toEqual([]);
    expect(find(child.item, 'reproductive')).toEqual([]);
  });

  it('answers every choice item from a named QĐ 831 code list, shared lists in one system', () => {
    const choices = flatten(declarationItemPlan()).filter((p) => p.type === 'choice');
    const named = new Set(QD831_CODE_LISTS.map(([name]) => qd831CodeSystem(name)));
    expect(choices.filter((p) => !named.has(p.system as string)).map((p) => p.linkId)).toEqual([]);
    const system = (linkId: string) => choices.find((p) => p.linkId === linkId)?.system;
    expect(system('diseases.code')).toBe(system('familyHistory.code'));
    expect(system('birth.preterm')).toBe(system('birth.asphyxia'));
  });

  it('defines the same items in the Questionnaire, choice answers listed without the blank', () => {
    const questionnaire = buildDeclarationQuestionnaire();
    expect(questionnaire.url + '|' + questionnaire.version).toBe(
      DECLARATION_QUESTIONNAIRE_CANONICAL,
    );
    const latrine = questionnaire.item
      .find((i) => i.linkId === 'riskFactors')
      ?.item?.find((i) => i.linkId === 'riskFactors.latrine');
    expect(latrine?.answerOption?.map((o) => o.valueCoding.code)).toEqual([
      'septic',
      'semi_septic',
      'other',
      'none',
    ]);
    expect(questionnaire.item.find((i) => i.linkId === 'allergies')).toMatchObject({
      type: 'group',
      repeats: true,
    });
  });
});

describe('createQuestionnaireMapping', () => {
  const mapping = createQuestionnaireMapping(
    z.object({ score: z.number().int(), when: z.string(), tags: z.array(z.string()) }),
    { codeSystemFor: () => 'urn:test' },
  );

  it('answers a list of plain values as one item with several answers', () => {
    expect(mapping.responseItems({ score: 4, when: '', tags: ['a', 'b'] })).toEqual([
      { linkId: 'score', answer: [{ valueInteger: 4 }] },
      { linkId: 'tags', answer: [{ valueString: 'a' }, { valueString: 'b' }] },
    ]);
  });

  it('refuses a value of the wrong type rather than send it', () => {
    expect(() => mapping.responseItems({ score: 4.5, when: '', tags: [] })).toThrow(
      /"score" holds a number; its item type is integer/,
    );
  });

  it('refuses a schema it cannot read as a questionnaire', () => {
    const odd = createQuestionnaireMapping(
      z.object({ either: z.union([z.string(), z.number()]) }),
      {
        codeSystemFor: () => 'urn:test',
      },
    );
    expect(() => odd.plan()).toThrow(/"either"/);
  });
});
