import {
  fillResidentForm,
  openNewResidentForm,
  searchRegistry,
  setUpStation,
} from '../../support/pages';
import { expect, test } from './fixtures';

const HOA = {
  fullName: 'Lê Thị Hoa',
  sex: 'Nữ' as const,
  birthDate: '03071958',
  personalId: '079158004321',
  phone: '0903555111',
  commune: 'Bình Quới',
  street: '8 Bình Quới',
};

test('a supervisor merges two records of one resident, who is then found once', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  await fillResidentForm(page, HOA);
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await expect(page.getByRole('button', { name: 'Khai báo sức khỏe' })).toBeVisible();

  // A colleague registers her again without her card, with another phone.
  await openNewResidentForm(page);
  await fillResidentForm(page, {
    ...HOA,
    fullName: 'Le Thi Hoa',
    personalId: '',
    phone: '0918777222',
  });
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await page
    .getByRole('dialog', { name: 'Có thể trùng người dân' })
    .getByRole('button', { name: 'Đây là người khác — vẫn đăng ký' })
    .click();
  await expect(page.getByRole('heading', { name: 'Le Thi Hoa' })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Hồ sơ trùng' }).click();
  await expect(
    page.getByRole('heading', { name: 'Người dân có thể trùng', level: 1 }),
  ).toBeVisible();
  const group = page.getByRole('region', { name: 'Lê Thị Hoa' });
  await expect(group.getByRole('row')).toHaveCount(3);
  await expect(group.getByText('Cùng xã/phường')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/duplicates.png', fullPage: true });
  await group.getByRole('button', { name: 'Gộp hồ sơ…' }).click();

  // The record with the personal ID continues by default; the reason is required.
  const dialog = page.getByRole('dialog', { name: 'Gộp hồ sơ «Lê Thị Hoa»' });
  await expect(
    dialog
      .getByRole('group', { name: 'Hồ sơ được giữ lại' })
      .getByRole('radio', { name: /079158004321/ }),
  ).toBeChecked();
  await expect(dialog.getByLabel('Lý do gộp')).toBeFocused();
  await dialog.getByRole('button', { name: 'Gộp hồ sơ' }).click();
  await expect(dialog.getByText('Bắt buộc nhập')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/duplicates-merge.png' });
  await dialog.getByLabel('Lý do gộp').fill('Đối chiếu CCCD tại trạm');
  await dialog.getByRole('button', { name: 'Gộp hồ sơ' }).click();
  await expect(
    page.getByText('Đã gộp hồ sơ. «Lê Thị Hoa» là hồ sơ tiếp tục được dùng.'),
  ).toBeVisible();
  await expect(page.getByText('Không còn nhóm nào cần xem', { exact: false })).toBeVisible();

  // Found once, with both phones; the retired record says where she continues.
  await searchRegistry(page, 'le thi hoa');
  await expect(
    page.getByRole('listbox', { name: 'Kết quả tìm kiếm' }).getByRole('option'),
  ).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByText('0918777222')).toBeVisible();
  await page.getByRole('link', { name: 'Xem hồ sơ đã thay thế' }).click();
  await expect(page.getByText(/gộp vào hồ sơ khác/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Khai báo sức khỏe' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/duplicates-retired.png', fullPage: true });
});
