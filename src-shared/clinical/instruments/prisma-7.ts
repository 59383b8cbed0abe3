import { CLINICAL_THRESHOLDS } from '../thresholds';
import { defineQuestionnaire, yesNoItem } from './questionnaire';

const PRISMA = CLINICAL_THRESHOLDS.instruments.prisma7;

/**
 * PRISMA-7 frailty case-finding questionnaire (Raîche, Hébert & Dubois 2008): seven yes/no
 * questions, one point per answer pointing to risk, ≥3 screens positive. Every "yes" scores
 * except item 6 ("can you count on someone close?"), where having no one is the risk, so
 * "no" scores. Some distributed forms simply count "yes" answers; docs/clinical.md marks the
 * item 6 direction [check].
 */
export const PRISMA_7 = defineQuestionnaire({
  id: 'prisma7',
  name: { vi: 'Sàng lọc suy yếu PRISMA-7', en: 'PRISMA-7 frailty screen' },
  items: [
    yesNoItem(
      'olderThan85',
      1,
      { vi: 'Ông/bà có trên 85 tuổi không?', en: 'Are you more than 85 years old?' },
      'yes',
    ),
    yesNoItem('male', 2, { vi: 'Giới tính nam?', en: 'Male?' }, 'yes'),
    yesNoItem(
      'healthLimitsActivities',
      3,
      {
        vi: 'Nhìn chung, ông/bà có vấn đề sức khỏe nào khiến phải hạn chế các hoạt động không?',
        en: 'In general, do you have any health problems that require you to limit your activities?',
      },
      'yes',
    ),
    yesNoItem(
      'needsRegularHelp',
      4,
      {
        vi: 'Ông/bà có cần người giúp đỡ thường xuyên không?',
        en: 'Do you need someone to help you on a regular basis?',
      },
      'yes',
    ),
    yesNoItem(
      'healthKeepsAtHome',
      5,
      {
        vi: 'Nhìn chung, ông/bà có vấn đề sức khỏe nào khiến phải ở nhà không?',
        en: 'In general, do you have any health problems that require you to stay at home?',
      },
      'yes',
    ),
    yesNoItem(
      'canCountOnSomeone',
      6,
      {
        vi: 'Khi cần, ông/bà có thể trông cậy vào một người thân thiết không?',
        en: 'In case of need, can you count on someone close to you?',
      },
      'no',
    ),
    yesNoItem(
      'usesWalkingAid',
      7,
      {
        vi: 'Ông/bà có thường xuyên dùng gậy, khung tập đi hoặc xe lăn để đi lại không?',
        en: 'Do you regularly use a stick, walker or wheelchair to get about?',
      },
      'yes',
    ),
  ],
  flagRule: { when: 'atLeast', cutOff: PRISMA.flagAtLeast },
  flagLabel: {
    vi: 'Nguy cơ suy yếu, cần đánh giá lão khoa toàn diện',
    en: 'Risk of frailty; comprehensive geriatric assessment needed',
  },
  source: PRISMA.source,
  check: PRISMA.check,
});
