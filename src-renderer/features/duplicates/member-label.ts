import type { TFunction } from 'i18next';
import { formatInstantInVietnam } from '../../../src-shared/domain/dates';
import type { DuplicateMember } from '../../../src-shared/schemas/duplicates';

/** "Lê Thị Hoa · 079158004321 · 0903555111 · tạo … bởi …": how one record of a group is told apart. */
export function memberLabel(t: TFunction, m: DuplicateMember): string {
  const identifier = m.personalId || m.bhyt || m.temporaryId || t('registry.noIdentifier');
  return t('duplicates.memberLabel', {
    fullName: m.fullName,
    identifier,
    phone: m.phone || '—',
    at: formatInstantInVietnam(m.createdAt),
    name: m.createdBy,
  });
}
