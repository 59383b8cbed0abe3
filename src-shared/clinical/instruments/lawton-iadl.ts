import { CLINICAL_THRESHOLDS } from '../thresholds';
import { defineQuestionnaire } from './questionnaire';

const LAWTON = CLINICAL_THRESHOLDS.instruments.lawtonIadl;

/**
 * Lawton Instrumental Activities of Daily Living (Lawton & Brody 1969): eight domains, each
 * option worth 1 or 0 as on the published scale, total 0–8. Option values are the options'
 * numbers on the published form. The 1969 scale scored men on five domains only (no food
 * preparation, housekeeping or laundry); current practice scores all eight for everyone and
 * so does the station ([check] in docs/clinical.md).
 */
export const LAWTON_IADL = defineQuestionnaire({
  id: 'lawtonIadl',
  name: {
    vi: 'Hoạt động sinh hoạt hằng ngày có sử dụng phương tiện (Lawton IADL)',
    en: 'Lawton Instrumental Activities of Daily Living',
  },
  items: [
    {
      id: 'telephone',
      number: 1,
      text: { vi: 'Sử dụng điện thoại', en: 'Ability to use the telephone' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự sử dụng điện thoại: tự tìm số và bấm gọi',
            en: 'Operates the telephone on own initiative; looks up and dials numbers',
          },
        },
        {
          value: '2',
          points: 1,
          label: { vi: 'Chỉ gọi được vài số quen thuộc', en: 'Dials a few well-known numbers' },
        },
        {
          value: '3',
          points: 1,
          label: {
            vi: 'Nghe được điện thoại nhưng không tự gọi',
            en: 'Answers the telephone but does not dial',
          },
        },
        {
          value: '4',
          points: 0,
          label: { vi: 'Không sử dụng điện thoại', en: 'Does not use the telephone at all' },
        },
      ],
    },
    {
      id: 'shopping',
      number: 2,
      text: { vi: 'Mua sắm', en: 'Shopping' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự mua sắm mọi thứ cần thiết',
            en: 'Takes care of all shopping needs independently',
          },
        },
        {
          value: '2',
          points: 0,
          label: {
            vi: 'Chỉ tự mua được những món nhỏ',
            en: 'Shops independently for small purchases only',
          },
        },
        {
          value: '3',
          points: 0,
          label: {
            vi: 'Cần có người đi cùng mỗi lần mua sắm',
            en: 'Needs to be accompanied on any shopping trip',
          },
        },
        {
          value: '4',
          points: 0,
          label: { vi: 'Hoàn toàn không thể mua sắm', en: 'Completely unable to shop' },
        },
      ],
    },
    {
      id: 'foodPreparation',
      number: 3,
      text: { vi: 'Chuẩn bị bữa ăn', en: 'Food preparation' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự lên thực đơn, nấu và dọn bữa ăn đầy đủ',
            en: 'Plans, prepares and serves adequate meals independently',
          },
        },
        {
          value: '2',
          points: 0,
          label: {
            vi: 'Nấu được bữa ăn đầy đủ nếu có người chuẩn bị sẵn nguyên liệu',
            en: 'Prepares adequate meals if supplied with ingredients',
          },
        },
        {
          value: '3',
          points: 0,
          label: {
            vi: 'Hâm nóng và dọn bữa ăn có sẵn, hoặc tự nấu nhưng ăn không đủ chất',
            en: 'Heats and serves prepared meals, or prepares meals but does not maintain an adequate diet',
          },
        },
        {
          value: '4',
          points: 0,
          label: {
            vi: 'Cần người khác nấu và dọn bữa ăn',
            en: 'Needs to have meals prepared and served',
          },
        },
      ],
    },
    {
      id: 'housekeeping',
      number: 4,
      text: { vi: 'Làm việc nhà', en: 'Housekeeping' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự lo việc nhà, chỉ thỉnh thoảng cần giúp việc nặng',
            en: 'Maintains the house alone or with occasional help with heavy work',
          },
        },
        {
          value: '2',
          points: 1,
          label: {
            vi: 'Làm được việc nhẹ hằng ngày như rửa bát, dọn giường',
            en: 'Performs light daily tasks such as washing dishes and making beds',
          },
        },
        {
          value: '3',
          points: 1,
          label: {
            vi: 'Làm được việc nhẹ nhưng không giữ được nhà cửa sạch sẽ',
            en: 'Performs light daily tasks but cannot maintain an acceptable level of cleanliness',
          },
        },
        {
          value: '4',
          points: 1,
          label: {
            vi: 'Cần giúp trong mọi việc nhà',
            en: 'Needs help with all home maintenance tasks',
          },
        },
        {
          value: '5',
          points: 0,
          label: {
            vi: 'Không tham gia việc nhà nào',
            en: 'Does not participate in any housekeeping tasks',
          },
        },
      ],
    },
    {
      id: 'laundry',
      number: 5,
      text: { vi: 'Giặt giũ', en: 'Laundry' },
      options: [
        {
          value: '1',
          points: 1,
          label: { vi: 'Tự giặt toàn bộ quần áo của mình', en: 'Does personal laundry completely' },
        },
        {
          value: '2',
          points: 1,
          label: {
            vi: 'Chỉ giặt được đồ nhỏ như khăn, tất',
            en: 'Launders small items such as socks',
          },
        },
        {
          value: '3',
          points: 0,
          label: {
            vi: 'Mọi việc giặt giũ đều do người khác làm',
            en: 'All laundry must be done by others',
          },
        },
      ],
    },
    {
      id: 'transportation',
      number: 6,
      text: { vi: 'Đi lại bằng phương tiện', en: 'Mode of transportation' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự đi phương tiện công cộng hoặc tự lái xe',
            en: 'Travels independently on public transport or drives own vehicle',
          },
        },
        {
          value: '2',
          points: 1,
          label: {
            vi: 'Tự gọi taxi, xe ôm nhưng không đi phương tiện công cộng khác',
            en: 'Arranges own travel by taxi but does not otherwise use public transport',
          },
        },
        {
          value: '3',
          points: 1,
          label: {
            vi: 'Đi phương tiện công cộng khi có người đi cùng',
            en: 'Travels on public transport when accompanied by another person',
          },
        },
        {
          value: '4',
          points: 0,
          label: {
            vi: 'Chỉ đi taxi hoặc xe riêng khi có người hỗ trợ',
            en: 'Travel limited to taxi or car with the assistance of another person',
          },
        },
        {
          value: '5',
          points: 0,
          label: { vi: 'Hoàn toàn không đi lại', en: 'Does not travel at all' },
        },
      ],
    },
    {
      id: 'medications',
      number: 7,
      text: { vi: 'Tự dùng thuốc', en: 'Responsibility for own medications' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự uống thuốc đúng liều, đúng giờ',
            en: 'Takes medication in correct dosages at the correct time',
          },
        },
        {
          value: '2',
          points: 0,
          label: {
            vi: 'Tự uống nếu thuốc được người khác chia sẵn từng liều',
            en: 'Takes responsibility if medication is prepared in advance in separate doses',
          },
        },
        {
          value: '3',
          points: 0,
          label: {
            vi: 'Không tự uống thuốc được',
            en: 'Is not capable of dispensing own medication',
          },
        },
      ],
    },
    {
      id: 'finances',
      number: 8,
      text: { vi: 'Quản lý tiền bạc', en: 'Ability to handle finances' },
      options: [
        {
          value: '1',
          points: 1,
          label: {
            vi: 'Tự quản lý tiền bạc: chi tiêu, trả hóa đơn, giao dịch ngân hàng, theo dõi thu nhập',
            en: 'Manages financial matters independently: budgets, pays bills, goes to the bank, keeps track of income',
          },
        },
        {
          value: '2',
          points: 1,
          label: {
            vi: 'Tự chi tiêu hằng ngày nhưng cần giúp việc ngân hàng, mua sắm lớn',
            en: 'Manages day-to-day purchases but needs help with banking and major purchases',
          },
        },
        {
          value: '3',
          points: 0,
          label: { vi: 'Không thể tự quản lý tiền', en: 'Incapable of handling money' },
        },
      ],
    },
  ],
  flagRule: { when: 'below', cutOff: LAWTON.flagBelow },
  flagLabel: {
    vi: 'Phụ thuộc ít nhất một hoạt động sinh hoạt có sử dụng phương tiện',
    en: 'Dependent in at least one instrumental activity of daily living',
  },
  source: LAWTON.source,
  check: LAWTON.check,
});
