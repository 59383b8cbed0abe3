import {
  changePassword,
  createAccount,
  fillResidentForm,
  openNewResidentForm,
  setUpStation,
  signInAs,
  signOut,
  type NewAccount,
} from '../../support/pages';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const NURSE = {
  fullName: 'Phạm Thị Thu',
  username: 'thu.pt',
  role: 'Y tế trường học',
  temporaryPassword: 'tamthoi2026',
};
const HEALTH_WORKER = {
  fullName: 'Võ Văn Minh',
  username: 'minh.vv',
  role: 'Nhân viên y tế',
  temporaryPassword: 'tamthoi2026',
};
const SUPERVISOR = {
  fullName: 'Nguyễn Thị Lan',
  username: 'lan.nt',
  role: 'Giám sát viên',
  temporaryPassword: 'tamthoi2026',
};
const OWN_PASSWORD = 'matkhau-rieng-2026';

/** Her first sign-in: the temporary password, then her own, then the shell. */
async function firstSignIn(page: Page, account: NewAccount): Promise<void> {
  await signInAs(page, { username: account.username, password: account.temporaryPassword });
  await changePassword(page, { current: account.temporaryPassword, next: OWN_PASSWORD });
  await expect(page.getByRole('banner').getByText(account.role)).toBeVisible();
}

async function expectNoWayToSync(page: Page): Promise<void> {
  await expect(
    page.getByRole('banner').getByRole('link', { name: 'Đồng bộ', exact: true }),
  ).toHaveCount(0);
  await page.goto(new URL('#/sync', page.url()).href);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText([
    'Không có quyền truy cập',
  ]);
}

test('school nurses and health workers cannot reach the Sync screen; the administrator sets it up there', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await createAccount(page, NURSE);
  await createAccount(page, HEALTH_WORKER);

  const syncLink = page.getByRole('banner').getByRole('link', { name: 'Đồng bộ', exact: true });
  await syncLink.click();
  await expect(
    page.getByRole('heading', { name: 'Đồng bộ với Thành phố', level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole('form', { name: 'Nhập khóa Thành phố' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Xuất gói dữ liệu' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/sync-administrator.png', fullPage: true });
  await page
    .getByRole('region', { name: 'Thiết lập' })
    .screenshot({ path: 'test-results/screens/sync-setup.png' });
  await signOut(page);

  await firstSignIn(page, NURSE);
  await expectNoWayToSync(page);
  await page.screenshot({ path: 'test-results/screens/sync-not-allowed.png' });
  await signOut(page);

  await firstSignIn(page, HEALTH_WORKER);
  await expectNoWayToSync(page);
});

test('a supervisor sees what is pending, by kind, on the Sync screen', async ({ page, shell }) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  await fillResidentForm(page, {
    fullName: 'Lê Thị Hoa',
    sex: 'Nữ',
    birthDate: '03071958',
    personalId: '079158004321',
    commune: 'Bình Quới',
    street: '8 Bình Quới',
  });
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await expect(page.getByRole('button', { name: 'Khai báo sức khỏe' })).toBeVisible();
  await createAccount(page, SUPERVISOR);
  await signOut(page);

  await firstSignIn(page, SUPERVISOR);
  await page.getByRole('banner').getByRole('link', { name: 'Đồng bộ', exact: true }).click();
  const band = page.getByRole('region', { name: 'Tình trạng đồng bộ' });
  await expect(band.locator('dt', { hasText: 'Chờ gửi' }).locator('+ dd')).toHaveText('1');
  await expect(band.locator('dt', { hasText: 'Người dân' }).locator('+ dd')).toHaveText('1');
  await expect(band.locator('dt', { hasText: 'Khám học sinh' }).locator('+ dd')).toHaveText('0');
  // Before she has a signing key, the wizard sends her to set it up.
  await expect(page.getByText(/Bạn chưa có khóa ký/)).toBeVisible();
  await expect(page.getByRole('form', { name: 'Khóa ký của bạn' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Nhập khóa Thành phố' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/sync-supervisor.png', fullPage: true });

  // She makes her signing key once, with her password; then the export form opens.
  const keyForm = page.getByRole('form', { name: 'Khóa ký của bạn' });
  await keyForm.getByLabel('Mật khẩu của bạn').fill(OWN_PASSWORD);
  await keyForm.getByRole('button', { name: 'Tạo khóa ký' }).click();
  await expect(page.getByText('Đã thiết lập. Dấu vân tay:')).toBeVisible();
  const exportForm = page.getByRole('form', { name: 'Chọn dữ liệu cần xuất' });
  await expect(exportForm.getByLabel('Mật khẩu của bạn')).toBeVisible();
  await page
    .getByRole('region', { name: 'Xuất gói dữ liệu' })
    .screenshot({ path: 'test-results/screens/sync-export-form.png' });
});
