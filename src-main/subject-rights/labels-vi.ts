import { VACCINE_DISPLAY } from '../../src-shared/fhir/fhir-systems';
import { ELDERLY_QUESTIONNAIRES } from '../../src-shared/clinical/instruments';
import { EXAM_SYSTEM_LABELS } from '../../src-shared/schemas/elderly-screening';
/**
 * Vietnamese labels for the printed record (src-main/subject-rights/subject-record-pdf.ts).
 * The renderer keeps its own in src-renderer/i18n/vi; the main side never imports UI code, so
 * the few labels the PDF needs live here, and a unit test holds them equal to the renderer's
 * (tests/unit/main/subject-record-labels.test.ts).
 */

/** QĐ 831 code lists, as src-renderer/i18n/vi/declaration.json `codes` (latrine '' unset). */
export const CODE_LABELS = {
  allergyKind: {
    '1': 'Thuốc',
    '2': 'Hóa chất/mỹ phẩm',
    '3': 'Thực phẩm',
    '4': 'Khác',
  },
  delivery: {
    unknown: 'Không rõ',
    vaginal: 'Đẻ thường',
    caesarean: 'Đẻ mổ',
  },
  triState: {
    unknown: 'Không rõ',
    no: 'Không',
    yes: 'Có',
  },
  disability: {
    '1': 'Thính lực',
    '2': 'Thị lực',
    '3': 'Tay',
    '4': 'Chân',
    '5': 'Cong vẹo cột sống',
    '6': 'Khe hở môi, vòm miệng',
    '7': 'Khác',
  },
  disease: {
    '1': 'Bệnh tim mạch',
    '2': 'Tăng huyết áp',
    '3': 'Đái tháo đường',
    '4': 'Bệnh dạ dày',
    '5': 'Bệnh phổi mạn tính',
    '6': 'Hen suyễn',
    '7': 'Bệnh bướu cổ',
    '8': 'Viêm gan',
    '9': 'Tim bẩm sinh',
    '10': 'Tâm thần',
    '11': 'Tự kỷ',
    '12': 'Động kinh',
    '13': 'Ung thư',
    '14': 'Lao',
    '15': 'Khác',
  },
  relative: {
    father: 'Bố',
    mother: 'Mẹ',
    sibling: 'Anh, chị, em ruột',
    grandparent: 'Ông, bà',
    child: 'Con',
    other: 'Người thân khác',
  },
  latrine: {
    '': '— Chưa ghi —',
    septic: 'Tự hoại',
    semi_septic: 'Bán tự hoại',
    other: 'Loại khác',
    none: 'Không có hố xí',
  },
  riskStatus: {
    '0': 'Không',
    '1': 'Có',
    '2': 'Thường xuyên',
  },
  vaccinationStatus: {
    '1': 'Có tiêm',
    '0': 'Không tiêm',
    '99': 'Không nhớ',
  },
  // One list of vaccine names for the printed record and the FHIR export.
  vaccine: VACCINE_DISPLAY,
} as const;

export const SEX_LABELS: Record<string, string> = { '1': 'Nam', '2': 'Nữ' };

/** As src-renderer/i18n/vi/registry.json `relationship`. */
export const RELATIONSHIP_LABELS: Record<string, string> = {
  father: 'Cha',
  mother: 'Mẹ',
  spouse: 'Vợ/chồng',
  child: 'Con',
  sibling: 'Anh/chị/em',
  grandparent: 'Ông/bà',
  grandchild: 'Cháu',
  guardian: 'Người giám hộ',
  other: 'Khác',
};

/** As src-renderer/i18n/vi/registry.json `identifierKind`. */
export const IDENTIFIER_KIND_LABELS: Record<string, string> = {
  personal_id: 'Số định danh cá nhân',
  cmnd: 'CMND',
  bhyt: 'Thẻ BHYT',
};

/** As src-renderer/i18n/vi/declaration.json `consent.purpose`. */
export const CONSENT_PURPOSE_LABELS = {
  recordKeeping: 'Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế',
  citySharing: 'Đồng ý chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
  statistics: 'Đồng ý sử dụng cho thống kê y tế (không định danh)',
} as const;

/** Section titles, as src-renderer/i18n/vi/declaration.json `sections`. */
export const DECLARATION_SECTION_LABELS = {
  birth: '1. Tình trạng lúc sinh',
  riskFactors: '2. Yếu tố nguy cơ',
  disabilities: '3. Khuyết tật',
  allergies: '4. Dị ứng',
  diseases: '5. Tiền sử bệnh của bản thân',
  surgeries: '6. Tiền sử phẫu thuật',
  familyHistory: '7. Tiền sử gia đình',
  reproductive: '8. Sức khỏe sinh sản',
  vaccinations: '9. Tiêm chủng',
  consent: '10. Đồng ý xử lý dữ liệu cá nhân',
} as const;

/** As src-renderer/i18n/vi/declaration.json `risk` (names) and `view.unit`. */
export const RISK_LABELS = {
  smoking: 'Hút thuốc lá',
  alcohol: 'Uống rượu, bia',
  drugs: 'Sử dụng ma túy',
  physicalActivity: 'Hoạt động thể lực',
} as const;
export const RISK_UNITS = {
  smoking: 'điếu/ngày',
  alcohol: 'cốc chuẩn/ngày',
  drugs: 'lần/tuần',
  physicalActivity: 'phút/tuần',
} as const;

/** Audit actions, as src-renderer/i18n/vi/admin.json `audit.actions` (flattened). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'setup.initialize': 'Thiết lập trạm',
  'auth.signIn': 'Đăng nhập',
  'auth.signInFailed': 'Đăng nhập không thành công',
  'auth.signOut': 'Đăng xuất',
  'auth.lock': 'Khóa màn hình',
  'auth.idleLock': 'Tự khóa do không sử dụng',
  'auth.unlock': 'Mở khóa màn hình',
  'auth.unlockFailed': 'Mở khóa không thành công',
  'auth.passwordChanged': 'Đổi mật khẩu',
  'auth.passwordChangeFailed': 'Đổi mật khẩu không thành công',
  'access.denied': 'Truy cập bị từ chối',
  'account.create': 'Tạo tài khoản mới',
  'account.update': 'Sửa tài khoản',
  'account.resetPassword': 'Đặt lại mật khẩu tài khoản',
  'settings.update': 'Thay đổi cài đặt',
  'resident.create': 'Đăng ký người dân',
  'resident.update': 'Sửa thông tin người dân',
  'resident.view': 'Xem hồ sơ người dân',
  'resident.merge': 'Gộp hồ sơ trùng',
  'duplicate.dismiss': 'Xác nhận không trùng',
  'elderly.save': 'Lưu phiếu khám sàng lọc người cao tuổi',
  'elderly.view': 'Xem phiếu khám sàng lọc người cao tuổi',
  'elderly.export': 'In danh sách người cao tuổi',
  'school.save': 'Lưu thông tin trường học',
  'class.save': 'Lưu lớp học',
  'class.view': 'Xem danh sách lớp và kết quả khám',
  'class.exportLetters': 'Tải thông báo kết quả khám cho phụ huynh',
  'roster.preview': 'Xem trước danh sách lớp từ tệp',
  'roster.import': 'Nhập danh sách lớp',
  'enrolment.setConsent': 'Ghi sự đồng ý khám sức khỏe học sinh',
  'pupil.saveScreening': 'Lưu kết quả khám sức khỏe học sinh',
  'declaration.submit': 'Lưu tờ khai sức khỏe',
  'declaration.view': 'Xem tờ khai sức khỏe',
  'audit.verify': 'Kiểm tra tính toàn vẹn nhật ký',
  'audit.export': 'Xuất nhật ký',
  'subject.request': 'Ghi nhận yêu cầu của người dân',
  'subject.withdrawConsent': 'Rút lại sự đồng ý',
  'subject.consentRenewed': 'Đồng ý lại sau khi đã rút',
  'subject.export': 'Xuất hồ sơ cho người dân',
  'storage.encrypted': 'Mã hóa cơ sở dữ liệu',
  'security.weakKeychainAccepted': 'Chấp nhận kho khóa yếu (Linux)',
  'backup.create': 'Tạo bản sao lưu',
  'backup.restore': 'Khôi phục bản sao lưu',
  'sync.export': 'Xuất gói đồng bộ',
  'sync.upload': 'Gửi gói đồng bộ lên Thành phố',
  'sync.importReceipt': 'Nhập biên nhận đồng bộ',
  'sync.setUpSupervisorKey': 'Tạo khóa ký của người phụ trách',
  'sync.createStationKey': 'Tạo khóa ký của trạm',
  'sync.importCityKey': 'Nhập khóa của kho dữ liệu Thành phố',
  'sync.configure': 'Cấu hình địa chỉ kho dữ liệu Thành phố',
  'sync.retireSupervisorKey': 'Thu hồi khóa ký sau khi đặt lại mật khẩu',
};

/** As src-renderer/i18n/vi/subject.json `kind`. */
export const SUBJECT_REQUEST_KIND_LABELS = {
  access: 'Xem dữ liệu',
  copy: 'Nhận bản sao',
  correction: 'Sửa dữ liệu',
  withdrawal: 'Rút lại sự đồng ý',
} as const;

/** The purposes by name, as src-renderer/i18n/vi/subject.json `purpose`. */
export const PURPOSE_NAMES = {
  recordKeeping: 'Lưu trữ hồ sơ sức khỏe tại trạm y tế',
  citySharing: 'Chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
  statistics: 'Sử dụng cho thống kê y tế (không định danh)',
} as const;

/** As src-renderer/i18n/vi/subject.json `requestedBy`. */
export const REQUESTER_LABELS = {
  self: 'Chính người dân',
  representative: 'Người đại diện theo pháp luật',
} as const;

/** Field and column names of the declaration, as src-renderer/i18n/vi/declaration.json. */
export const DECLARATION_FIELD_LABELS = {
  birth: {
    delivery: 'Cách sinh',
    preterm: 'Đẻ non',
    asphyxia: 'Ngạt lúc đẻ',
    weight: 'Cân nặng lúc sinh (g)',
    length: 'Chiều dài lúc sinh (cm)',
    defects: 'Dị tật bẩm sinh (nếu có)',
  },
  risk: {
    quit: 'Đã bỏ',
    occupationalExposure: 'Tiếp xúc yếu tố có hại trong nghề nghiệp, môi trường',
    exposureYears: 'Thời gian tiếp xúc (năm)',
    latrine: 'Loại hố xí của gia đình',
  },
  allergies: {
    kind: 'Loại dị ứng',
    agent: 'Tác nhân',
    description: 'Biểu hiện',
  },
  diseases: {
    code: 'Bệnh',
    note: 'Ghi chú',
  },
  surgeries: {
    description: 'Phẫu thuật',
    year: 'Năm',
    note: 'Ghi chú',
  },
  familyHistory: {
    code: 'Bệnh',
    relative: 'Người mắc',
    note: 'Ghi chú',
  },
  reproductive: {
    contraception: 'Biện pháp tránh thai đang dùng',
    gynaecologicalConditions: 'Bệnh phụ khoa',
    pregnancies: 'Số lần có thai',
    miscarriages: 'Số lần sảy thai',
    abortions: 'Số lần phá thai',
    births: 'Số lần đẻ',
    termBirths: 'Số lần đẻ đủ tháng',
    pretermBirths: 'Số lần đẻ non',
    livingChildren: 'Số con hiện sống',
  },
  vaccinations: {
    vaccine: 'Vắc xin',
    dose: 'Mũi số',
    status: 'Tình trạng',
    date: 'Ngày tiêm',
    reaction: 'Phản ứng sau tiêm',
    nextAppointment: 'Hẹn mũi sau',
  },
  view: {
    factor: 'Yếu tố',
    status: 'Tình trạng',
    amount: 'Mức độ',
    agreed: 'Đồng ý',
    notAgreed: 'Không đồng ý',
  },
  consent: {
    givenBy: 'Người đồng ý',
    self: 'Chính người dân',
    representative: 'Người đại diện theo pháp luật',
    representativeName: 'Họ tên người đại diện',
    representativeRelationship: 'Quan hệ với người dân',
  },
} as const;

/** Fields of the administrative record, as src-renderer/i18n/vi/registry.json `fields`/`form.sections`. */
export const RESIDENT_FIELD_LABELS: Record<string, string> = {
  fullName: 'Họ và tên',
  sex: 'Giới tính',
  birthDate: 'Ngày sinh',
  ethnicity: 'Dân tộc',
  nationality: 'Quốc tịch',
  religion: 'Tôn giáo',
  occupation: 'Nghề nghiệp',
  personalId: 'Số định danh cá nhân',
  noPapers: 'Không có giấy tờ tùy thân',
  cmnd: 'Số CMND cũ',
  bhyt: 'Mã thẻ BHYT',
  phones: 'Số điện thoại',
  currentAddress: 'Nơi ở hiện tại',
  permanentSameAsCurrent: 'Địa chỉ thường trú giống nơi ở hiện tại',
  permanentAddress: 'Địa chỉ thường trú',
  relations: 'Người thân, người giám hộ',
};

/** Short section names, as src-renderer/i18n/vi/declaration.json `sectionNames`. */
export const DECLARATION_SECTION_NAMES: Record<string, string> = {
  birth: 'Tình trạng lúc sinh',
  riskFactors: 'Yếu tố nguy cơ',
  disabilities: 'Khuyết tật',
  allergies: 'Dị ứng',
  diseases: 'Tiền sử bệnh',
  surgeries: 'Phẫu thuật',
  familyHistory: 'Tiền sử gia đình',
  reproductive: 'Sức khỏe sinh sản',
  vaccinations: 'Tiêm chủng',
  consent: 'Đồng ý',
};

/**
 * Field names of the stored screening records (src-shared/schemas/elderly-screening.ts and
 * school.ts) in the printed record; questionnaire items carry their own Vietnamese text.
 */
export const SCREENING_FIELD_LABELS: Record<string, string> = {
  screenedOn: 'Ngày khám',
  measurements: 'Chỉ số đo',
  heightCm: 'Chiều cao (cm)',
  weightKg: 'Cân nặng (kg)',
  waistCm: 'Vòng eo (cm)',
  pulsePerMin: 'Mạch (lần/phút)',
  heartRate: 'Nhịp tim (lần/phút)',
  bloodPressure: 'Huyết áp',
  first: 'Lần 1',
  second: 'Lần 2',
  systolic: 'Tâm thu (mmHg)',
  diastolic: 'Tâm trương (mmHg)',
  glucose: 'Đường huyết',
  kind: 'Loại',
  unit: 'Đơn vị',
  value: 'Giá trị',
  mmolPerL: 'mmol/L',
  vision: 'Thị lực',
  right: 'Mắt/tai phải',
  left: 'Mắt/tai trái',
  uncorrected: 'Không kính',
  corrected: 'Có kính',
  note: 'Ghi chú',
  notes: 'Ghi chú',
  hearing: 'Thính lực',
  normalVoiceM: 'Nói thường (m)',
  whisperM: 'Nói thầm (m)',
  dental: 'Răng hàm mặt',
  upperJaw: 'Hàm trên',
  lowerJaw: 'Hàm dưới',
  upper: 'Hàm trên',
  lower: 'Hàm dưới',
  systemExams: 'Khám theo cơ quan',
  class: 'Phân loại',
  instruments: 'Bộ câu hỏi',
  timedUpAndGoSeconds: 'Đứng dậy và đi (giây)',
  healthClass: 'Phân loại sức khỏe (I–V)',
  referral: 'Chuyển tuyến',
  referred: 'Có chuyển',
  to: 'Nơi chuyển',
  reasons: 'Lý do',
  referredTo: 'Nơi chuyển',
  conclusion: 'Kết luận',
  examinerName: 'Người khám',
  status: 'Tình trạng',
  round: 'Đợt',
  classId: 'Lớp',
  spine: 'Cột sống',
  sagittal: 'Gù/ưỡn',
  scoliosis: 'Vẹo',
  guardian: 'Cha/mẹ hoặc người giám hộ đồng ý',
  guardianName: 'Người giám hộ',
  pupil: 'Học sinh đồng ý',
  recordedOn: 'Ngày ghi nhận',
  savedAt: 'Lưu lúc',
  savedBy: 'Người lưu',
  ...Object.fromEntries(Object.entries(EXAM_SYSTEM_LABELS).map(([k, v]) => [k, v.vi])),
  ...Object.fromEntries(
    Object.entries(ELDERLY_QUESTIONNAIRES).flatMap(([key, q]) => [
      [key, q.name.vi],
      ...q.items.map((item) => [item.id, item.text.vi]),
    ]),
  ),
};
