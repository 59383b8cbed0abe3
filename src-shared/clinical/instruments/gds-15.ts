import { CLINICAL_THRESHOLDS } from '../thresholds';
import { defineQuestionnaire, yesNoItem } from './questionnaire';

const GDS = CLINICAL_THRESHOLDS.instruments.gds15;

/**
 * Geriatric Depression Scale, short form (Sheikh & Yesavage 1986): 15 yes/no questions about
 * the past week; each answer in the depressive direction scores 1. Items 1, 5, 7, 11 and 13
 * are worded positively, so for them "no" scores.
 */
export const GDS_15 = defineQuestionnaire({
  id: 'gds15',
  name: {
    vi: 'Thang đánh giá trầm cảm người cao tuổi, bản rút gọn 15 câu (GDS-15)',
    en: 'Geriatric Depression Scale, short form (GDS-15)',
  },
  items: [
    yesNoItem(
      'satisfiedWithLife',
      1,
      {
        vi: 'Nhìn chung, ông/bà có hài lòng với cuộc sống của mình không?',
        en: 'Are you basically satisfied with your life?',
      },
      'no',
    ),
    yesNoItem(
      'droppedActivities',
      2,
      {
        vi: 'Ông/bà có bỏ bớt nhiều hoạt động và sở thích của mình không?',
        en: 'Have you dropped many of your activities and interests?',
      },
      'yes',
    ),
    yesNoItem(
      'lifeEmpty',
      3,
      {
        vi: 'Ông/bà có cảm thấy cuộc sống của mình trống rỗng không?',
        en: 'Do you feel that your life is empty?',
      },
      'yes',
    ),
    yesNoItem(
      'oftenBored',
      4,
      { vi: 'Ông/bà có thường cảm thấy buồn chán không?', en: 'Do you often get bored?' },
      'yes',
    ),
    yesNoItem(
      'goodSpirits',
      5,
      {
        vi: 'Phần lớn thời gian ông/bà có thấy tinh thần thoải mái không?',
        en: 'Are you in good spirits most of the time?',
      },
      'no',
    ),
    yesNoItem(
      'afraidOfSomethingBad',
      6,
      {
        vi: 'Ông/bà có sợ điều gì không hay sắp xảy ra với mình không?',
        en: 'Are you afraid that something bad is going to happen to you?',
      },
      'yes',
    ),
    yesNoItem(
      'happy',
      7,
      {
        vi: 'Phần lớn thời gian ông/bà có cảm thấy vui vẻ không?',
        en: 'Do you feel happy most of the time?',
      },
      'no',
    ),
    yesNoItem(
      'helpless',
      8,
      { vi: 'Ông/bà có thường cảm thấy bất lực không?', en: 'Do you often feel helpless?' },
      'yes',
    ),
    yesNoItem(
      'prefersStayingHome',
      9,
      {
        vi: 'Ông/bà có thích ở nhà hơn là ra ngoài và làm những việc mới không?',
        en: 'Do you prefer to stay at home, rather than going out and doing new things?',
      },
      'yes',
    ),
    yesNoItem(
      'memoryProblems',
      10,
      {
        vi: 'Ông/bà có thấy trí nhớ của mình kém hơn phần lớn mọi người không?',
        en: 'Do you feel you have more problems with memory than most?',
      },
      'yes',
    ),
    yesNoItem(
      'wonderfulToBeAlive',
      11,
      {
        vi: 'Ông/bà có nghĩ rằng được sống đến bây giờ là điều tuyệt vời không?',
        en: 'Do you think it is wonderful to be alive now?',
      },
      'no',
    ),
    yesNoItem(
      'worthless',
      12,
      {
        vi: 'Ông/bà có cảm thấy mình vô dụng trong hoàn cảnh hiện nay không?',
        en: 'Do you feel pretty worthless the way you are now?',
      },
      'yes',
    ),
    yesNoItem(
      'fullOfEnergy',
      13,
      { vi: 'Ông/bà có cảm thấy tràn đầy sức sống không?', en: 'Do you feel full of energy?' },
      'no',
    ),
    yesNoItem(
      'hopeless',
      14,
      {
        vi: 'Ông/bà có cảm thấy hoàn cảnh của mình là vô vọng không?',
        en: 'Do you feel that your situation is hopeless?',
      },
      'yes',
    ),
    yesNoItem(
      'othersBetterOff',
      15,
      {
        vi: 'Ông/bà có nghĩ rằng phần lớn mọi người sống khá hơn mình không?',
        en: 'Do you think that most people are better off than you are?',
      },
      'yes',
    ),
  ],
  flagRule: { when: 'atLeast', cutOff: GDS.flagAtLeast },
  flagLabel: {
    vi: 'Gợi ý trầm cảm, cần đánh giá thêm',
    en: 'Suggests depression; further assessment needed',
  },
  source: GDS.source,
  check: GDS.check,
});
