import { CLINICAL_THRESHOLDS } from '../thresholds';
import { defineQuestionnaire } from './questionnaire';

const MINI_COG = CLINICAL_THRESHOLDS.instruments.miniCog;

/**
 * Mini-Cog (Borson 2000): recall of three words after the clock drawing, one point each, and
 * the clock, 2 points when normal (all numbers in order and place, hands showing the asked
 * time) and 0 otherwise or when refused. Total 0–5; below 3 screens positive.
 */
export const MINI_COG_INSTRUMENT = defineQuestionnaire({
  id: 'miniCog',
  name: { vi: 'Sàng lọc nhận thức Mini-Cog', en: 'Mini-Cog cognitive screen' },
  items: [
    {
      id: 'wordRecall',
      number: 1,
      text: {
        vi: 'Số từ nhớ lại được, không gợi ý (0–3)',
        en: 'Words recalled without cues (0–3)',
      },
      options: [
        { value: '0', points: 0, label: { vi: 'Không nhớ từ nào', en: 'None' } },
        { value: '1', points: 1, label: { vi: '1 từ', en: '1 word' } },
        { value: '2', points: 2, label: { vi: '2 từ', en: '2 words' } },
        { value: '3', points: 3, label: { vi: 'Cả 3 từ', en: 'All 3 words' } },
      ],
    },
    {
      id: 'clockDraw',
      number: 2,
      text: { vi: 'Vẽ đồng hồ', en: 'Clock drawing' },
      options: [
        {
          value: 'normal',
          points: 2,
          label: {
            vi: 'Bình thường: đủ các số, đúng thứ tự và vị trí, kim chỉ đúng giờ yêu cầu',
            en: 'Normal: all numbers in the correct sequence and position, hands showing the requested time',
          },
        },
        {
          value: 'abnormal',
          points: 0,
          label: {
            vi: 'Không bình thường hoặc không vẽ',
            en: 'Abnormal, or refused',
          },
        },
      ],
    },
  ],
  flagRule: { when: 'below', cutOff: MINI_COG.flagBelow },
  flagLabel: {
    vi: 'Gợi ý suy giảm nhận thức, cần đánh giá thêm',
    en: 'Suggests cognitive impairment; further assessment needed',
  },
  source: MINI_COG.source,
  check: MINI_COG.check,
});
