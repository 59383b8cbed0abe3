import { CLINICAL_THRESHOLDS } from '../thresholds';
import type { LocalisedText } from '../types';
import { defineQuestionnaire, type QuestionnaireItem } from './questionnaire';

const KATZ = CLINICAL_THRESHOLDS.instruments.katzAdl;

type Independence = 'independent' | 'dependent';

/** Independence earns 1 point, dependence 0 (Katz 1963; Hartford "Try This" scoring). */
function activity<const Id extends string>(
  id: Id,
  number: number,
  text: LocalisedText,
  independent: LocalisedText,
  dependent: LocalisedText,
): QuestionnaireItem<Id, Independence> {
  return {
    id,
    number,
    text,
    options: [
      { value: 'independent', label: independent, points: 1 },
      { value: 'dependent', label: dependent, points: 0 },
    ],
  };
}

/** Katz Index of Independence in Activities of Daily Living: 0–6, 6 = fully independent. */
export const KATZ_ADL = defineQuestionnaire({
  id: 'katzAdl',
  name: {
    vi: 'Hoạt động sinh hoạt hằng ngày cơ bản (Katz ADL)',
    en: 'Katz Index of Independence in Activities of Daily Living',
  },
  items: [
    activity(
      'bathing',
      1,
      { vi: 'Tắm rửa', en: 'Bathing' },
      {
        vi: 'Tự tắm hoàn toàn, hoặc chỉ cần giúp rửa một vùng (lưng, vùng sinh dục, chi bị tật)',
        en: 'Bathes self completely or needs help with only one part of the body (back, genital area, disabled limb)',
      },
      {
        vi: 'Cần giúp tắm nhiều hơn một vùng, giúp ra vào chỗ tắm, hoặc phải tắm hộ hoàn toàn',
        en: 'Needs help with more than one part of the body, getting in or out of the shower or tub, or total bathing',
      },
    ),
    activity(
      'dressing',
      2,
      { vi: 'Mặc quần áo', en: 'Dressing' },
      {
        vi: 'Tự lấy và mặc quần áo, cài khuy, kéo khóa; có thể cần giúp buộc dây giày',
        en: 'Gets clothes and puts them on with fasteners; may need help tying shoes',
      },
      {
        vi: 'Cần giúp mặc quần áo hoặc phải mặc hộ hoàn toàn',
        en: 'Needs help with dressing or must be completely dressed',
      },
    ),
    activity(
      'toileting',
      3,
      { vi: 'Đi vệ sinh', en: 'Toileting' },
      {
        vi: 'Tự đến nhà vệ sinh, ngồi lên đứng dậy, chỉnh quần áo và tự làm vệ sinh',
        en: 'Goes to the toilet, gets on and off, arranges clothes and cleans self without help',
      },
      {
        vi: 'Cần giúp đến nhà vệ sinh hoặc làm vệ sinh, hoặc phải dùng bô',
        en: 'Needs help getting to the toilet or cleaning self, or uses a bedpan or commode',
      },
    ),
    activity(
      'transferring',
      4,
      { vi: 'Di chuyển (lên xuống giường, ghế)', en: 'Transferring' },
      {
        vi: 'Tự lên xuống giường hoặc ghế; được phép dùng dụng cụ hỗ trợ',
        en: 'Moves in and out of bed or chair unassisted; mechanical aids are acceptable',
      },
      {
        vi: 'Cần giúp chuyển từ giường sang ghế, hoặc phải bế chuyển hoàn toàn',
        en: 'Needs help moving from bed to chair or requires a complete transfer',
      },
    ),
    activity(
      'continence',
      5,
      { vi: 'Tự chủ đại tiểu tiện', en: 'Continence' },
      {
        vi: 'Tự kiểm soát hoàn toàn việc đi tiểu và đại tiện',
        en: 'Exercises complete self-control over urination and defecation',
      },
      {
        vi: 'Không tự chủ một phần hoặc hoàn toàn đại tiện hoặc tiểu tiện',
        en: 'Is partially or totally incontinent of bowel or bladder',
      },
    ),
    activity(
      'feeding',
      6,
      { vi: 'Ăn uống', en: 'Feeding' },
      {
        vi: 'Tự đưa thức ăn từ bát đĩa vào miệng; người khác có thể chuẩn bị thức ăn',
        en: 'Gets food from plate into mouth without help; food may be prepared by another person',
      },
      {
        vi: 'Cần giúp một phần hoặc hoàn toàn khi ăn, hoặc phải nuôi dưỡng qua đường tĩnh mạch',
        en: 'Needs partial or total help with feeding or requires parenteral feeding',
      },
    ),
  ],
  flagRule: { when: 'below', cutOff: KATZ.flagBelow },
  flagLabel: {
    vi: 'Phụ thuộc ít nhất một hoạt động sinh hoạt cơ bản',
    en: 'Dependent in at least one basic activity of daily living',
  },
  source: KATZ.source,
  check: KATZ.check,
});
