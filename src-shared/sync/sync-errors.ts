/**
 * Stable codes for everything that can go wrong with a sync bundle, a receipt or a sync key
 * (docs/sync-protocol.md, "Error codes"). Programs — the station, the city's receiver, the
 * command line — match on the code; people read its message, Vietnamese first. The receiver
 * answers a refused bundle with `{ code, message }` using these same codes.
 */
export const SYNC_ERROR_CODES = [
  'BUNDLE_MALFORMED',
  'BUNDLE_TRUNCATED',
  'BUNDLE_SIGNATURE_INVALID',
  'BUNDLE_SIGNER_UNKNOWN',
  'BUNDLE_SIGNATURE_MISSING',
  'BUNDLE_HEADER_MISMATCH',
  'BUNDLE_RECIPIENT_UNKNOWN',
  'BUNDLE_DECRYPT_FAILED',
  'BUNDLE_PLAINTEXT_HASH_MISMATCH',
  'BUNDLE_MANIFEST_MISMATCH',
  'BUNDLE_TOO_LARGE',
  'BUNDLE_REPLAYED',
  'BUNDLE_SEQUENCE_GAP',
  'BUNDLE_CHAIN_BROKEN',
  'STATION_UNKNOWN',
  'RECEIPT_MALFORMED',
  'RECEIPT_SIGNATURE_INVALID',
  'RECEIPT_KEY_UNKNOWN',
  'RECEIPT_WRONG_STATION',
  'RECEIPT_WRONG_BUNDLE',
  'RECEIPT_RECORDS_MISMATCH',
  'CITY_KEY_FINGERPRINT_MISMATCH',
  'CITY_KEY_MISSING',
  'ENROLLMENT_INVALID',
  'KEY_INVALID',
  'KEY_PASSWORD_WRONG',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncErrorText {
  vi: string;
  en: string;
}

/** What the station's screens and the command line say for each code. */
export const SYNC_ERROR_MESSAGES: Record<SyncErrorCode, SyncErrorText> = {
  BUNDLE_MALFORMED: {
    vi: 'Tệp không phải là gói đồng bộ hợp lệ (sai cấu trúc).',
    en: 'The file is not a valid sync bundle (its structure is wrong).',
  },
  BUNDLE_TRUNCATED: {
    vi: 'Tệp gói đồng bộ bị cắt cụt (chưa chép hết hoặc bị hỏng khi truyền).',
    en: 'The sync bundle file is cut short (copied incompletely or damaged in transit).',
  },
  BUNDLE_SIGNATURE_INVALID: {
    vi: 'Chữ ký của gói đồng bộ không hợp lệ: tệp đã bị thay đổi sau khi ký.',
    en: 'A signature on the sync bundle is invalid: the file was changed after signing.',
  },
  BUNDLE_SIGNER_UNKNOWN: {
    vi: 'Gói được ký bằng một khóa chưa đăng ký cho trạm này.',
    en: 'The bundle is signed with a key that is not enrolled for this station.',
  },
  BUNDLE_SIGNATURE_MISSING: {
    vi: 'Gói phải có đúng hai chữ ký: của trạm và của người phụ trách xuất dữ liệu.',
    en: 'The bundle must carry exactly two signatures: the station’s and the exporting supervisor’s.',
  },
  BUNDLE_HEADER_MISMATCH: {
    vi: 'Hai chữ ký của gói mô tả hai nội dung khác nhau.',
    en: 'The two signatures of the bundle describe different contents.',
  },
  BUNDLE_RECIPIENT_UNKNOWN: {
    vi: 'Gói được mã hóa cho một khóa khác của kho dữ liệu thành phố.',
    en: 'The bundle is encrypted to a different key of the city record store.',
  },
  BUNDLE_DECRYPT_FAILED: {
    vi: 'Không giải mã được gói: dữ liệu mã hóa đã bị thay đổi hoặc hỏng.',
    en: 'The bundle cannot be decrypted: its encrypted content was changed or damaged.',
  },
  BUNDLE_PLAINTEXT_HASH_MISMATCH: {
    vi: 'Nội dung giải mã không khớp với mã băm đã ký.',
    en: 'The decrypted content does not match its signed hash.',
  },
  BUNDLE_MANIFEST_MISMATCH: {
    vi: 'Danh sách hồ sơ trong gói không khớp với danh sách đã ký.',
    en: 'The records in the bundle do not match the signed record list.',
  },
  BUNDLE_TOO_LARGE: {
    vi: 'Gói đồng bộ vượt quá kích thước cho phép.',
    en: 'The sync bundle is larger than allowed.',
  },
  BUNDLE_REPLAYED: {
    vi: 'Gói này (hoặc một gói cũ hơn của trạm) đã được nhận trước đây.',
    en: 'This bundle, or an older one of the station, was already received.',
  },
  BUNDLE_SEQUENCE_GAP: {
    vi: 'Thiếu một hoặc nhiều gói trước gói này: hãy gửi các gói còn thiếu trước.',
    en: 'One or more bundles before this one are missing: send the missing ones first.',
  },
  BUNDLE_CHAIN_BROKEN: {
    vi: 'Gói không nối tiếp gói trước của trạm (mã băm gói trước không khớp).',
    en: 'The bundle does not follow the station’s previous bundle (previous hash differs).',
  },
  STATION_UNKNOWN: {
    vi: 'Trạm y tế này chưa được đăng ký với kho dữ liệu thành phố.',
    en: 'This health station is not registered with the city record store.',
  },
  RECEIPT_MALFORMED: {
    vi: 'Tệp không phải là biên nhận hợp lệ (sai cấu trúc).',
    en: 'The file is not a valid receipt (its structure is wrong).',
  },
  RECEIPT_SIGNATURE_INVALID: {
    vi: 'Chữ ký của biên nhận không hợp lệ: biên nhận đã bị thay đổi.',
    en: 'The receipt’s signature is invalid: the receipt was changed.',
  },
  RECEIPT_KEY_UNKNOWN: {
    vi: 'Biên nhận được ký bằng một khóa thành phố mà trạm chưa tin cậy.',
    en: 'The receipt is signed with a city key this station does not trust.',
  },
  RECEIPT_WRONG_STATION: {
    vi: 'Biên nhận này dành cho một trạm khác.',
    en: 'This receipt is for another station.',
  },
  RECEIPT_WRONG_BUNDLE: {
    vi: 'Biên nhận này không thuộc về gói đồng bộ đang xét.',
    en: 'This receipt does not belong to the bundle in question.',
  },
  RECEIPT_RECORDS_MISMATCH: {
    vi: 'Danh sách hồ sơ trong biên nhận không khớp với các hồ sơ đã gửi.',
    en: 'The records listed in the receipt do not match the records that were sent.',
  },
  CITY_KEY_FINGERPRINT_MISMATCH: {
    vi: 'Dấu vân tay của khóa không khớp với dấu vân tay thành phố cung cấp: không nhập khóa này.',
    en: 'The key’s fingerprint does not match the one the city gave: the key was not imported.',
  },
  CITY_KEY_MISSING: {
    vi: 'Chưa có khóa mã hóa của kho dữ liệu thành phố: quản trị viên cần nhập khóa trước.',
    en: 'No encryption key of the city record store yet: an administrator must import it first.',
  },
  ENROLLMENT_INVALID: {
    vi: 'Tệp đăng ký trạm không hợp lệ hoặc dấu vân tay khóa không khớp.',
    en: 'The station enrollment file is invalid or a key fingerprint does not match.',
  },
  KEY_INVALID: {
    vi: 'Khóa không đúng loại hoặc bị hỏng.',
    en: 'The key is of the wrong type or damaged.',
  },
  KEY_PASSWORD_WRONG: {
    vi: 'Mật khẩu không mở được khóa ký (sai mật khẩu hoặc tệp khóa bị hỏng).',
    en: 'The password does not open the signing key (wrong password or damaged key file).',
  },
};

export function syncErrorMessage(code: SyncErrorCode, language: 'vi' | 'en' = 'vi'): string {
  return SYNC_ERROR_MESSAGES[code][language];
}

/**
 * Thrown by the sync functions. `message` is a developer-facing English sentence with the
 * particulars (which signature, which field); people see `SYNC_ERROR_MESSAGES[code]`.
 */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string = SYNC_ERROR_MESSAGES[code].en,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function isSyncError(error: unknown, code?: SyncErrorCode): error is SyncError {
  return error instanceof SyncError && (code === undefined || error.code === code);
}
