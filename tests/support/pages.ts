import { expect, type Page } from '@playwright/test';

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
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
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
