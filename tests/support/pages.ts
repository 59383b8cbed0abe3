import { expect, type Locator, type Page } from '@playwright/test';

/** Page objects for the browser journey, in the words on the screen (Vietnamese UI). */
export const STATION = {
  commune: 'binh quoi',
  communeName: 'Phường Bình Quới',
  name: 'Trạm Y tế phường Bình Quới',
  facilityCode: '79123',
};
export const ADMIN = { fullName: 'Trần Văn Quản', username: 'quan.tv', password: 'matkhau2026' };

export async function setUpStation(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Thiết lập trạm y tế' })).toBeVisible();
  const commune = page.getByRole('combobox', { name: 'Xã/phường/đặc khu' });
  await commune.fill(STATION.commune);
  await expect(page.getByRole('option', { name: new RegExp(STATION.communeName) })).toBeVisible();
  await commune.press('Enter');
  await page.getByLabel('Mã cơ sở khám chữa bệnh (5 ký tự)').fill(STATION.facilityCode);
  await page.getByLabel('Tên trạm').fill(STATION.name);
  await page.getByLabel('Họ và tên').fill(ADMIN.fullName);
  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel(/^Mật khẩu/).fill(ADMIN.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Thiết lập trạm' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

export async function signIn(page: Page): Promise<void> {
  await signInAs(page, ADMIN);
}

/** Signs someone in from the sign-in screen; she lands in the shell or on "Đổi mật khẩu". */
export async function signInAs(
  page: Page,
  who: { username: string; password: string },
): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

/** The top bar's "Đăng xuất"; back on the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
}

/** The lock screen (over the shell, which stays underneath). */
export function lockScreen(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Màn hình đã khóa' });
}

/** Enters the password on the lock screen and waits for it to go. */
export async function unlock(page: Page, password: string): Promise<void> {
  const overlay = lockScreen(page);
  await overlay.getByLabel('Mật khẩu').fill(password);
  await overlay.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(overlay).toBeHidden();
}

/** Fills "Đổi mật khẩu" (the forced screen, or the top bar's dialog when `within` is given). */
export async function changePassword(
  page: Page,
  passwords: { current: string; next: string },
  within: Page | Locator = page,
): Promise<void> {
  await within.getByLabel('Mật khẩu hiện tại').fill(passwords.current);
  await within.getByLabel('Mật khẩu mới', { exact: true }).fill(passwords.next);
  await within.getByLabel('Nhập lại mật khẩu mới').fill(passwords.next);
  await within.getByRole('button', { name: 'Đổi mật khẩu' }).click();
}

export interface NewAccount {
  fullName: string;
  username: string;
  /** As the role list shows it: 'Y tế trường học', 'Nhân viên y tế', … */
  role: string;
  temporaryPassword: string;
}

/** Creates an account on the administrator's "Tài khoản" screen (opened by its top-bar link). */
export async function createAccount(page: Page, account: NewAccount): Promise<void> {
  await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tài khoản người dùng' })).toBeVisible();
  const form = page.getByRole('group', { name: 'Tạo tài khoản' });
  await form.getByLabel('Họ và tên').fill(account.fullName);
  await form.getByLabel('Tên đăng nhập').fill(account.username);
  await form.getByLabel('Vai trò').selectOption({ label: account.role });
  await form.getByLabel('Mật khẩu tạm thời').fill(account.temporaryPassword);
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByText(`Đã tạo tài khoản «${account.username}»`)).toBeVisible();
}

export interface ResidentDetails {
  fullName: string;
  sex: 'Nam' | 'Nữ';
  birthDate: string;
  personalId?: string;
  phone?: string;
  commune?: string;
  street?: string;
}

/** Fills the registration form the way a worker does: typing, Tab, Enter in the commune list. */
export async function fillResidentForm(page: Page, r: ResidentDetails): Promise<void> {
  await page.getByLabel('Họ và tên').fill(r.fullName);
  await page.getByRole('radio', { name: r.sex, exact: true }).check();
  await page.getByLabel('Ngày sinh').pressSequentially(r.birthDate);
  if (r.personalId !== undefined) await page.getByLabel('Số định danh cá nhân').fill(r.personalId);
  if (r.phone !== undefined) await page.getByLabel('Số điện thoại', { exact: true }).fill(r.phone);
  if (r.commune) {
    const commune = page.getByRole('combobox', { name: 'Xã/phường' });
    await commune.fill(r.commune);
    await commune.press('Enter');
  }
  if (r.street !== undefined) await page.getByLabel('Địa chỉ (số nhà, đường)').fill(r.street);
}

export async function openNewResidentForm(page: Page): Promise<void> {
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('button', { name: 'Lưu người dân' })).toBeVisible();
}

export async function searchRegistry(page: Page, query: string): Promise<void> {
  await page.keyboard.press('F2');
  const search = page.getByRole('combobox', { name: 'Tìm người dân' });
  await expect(search).toBeFocused();
  await search.fill('');
  await search.pressSequentially(query);
}
