import {
  fillResidentForm,
  openNewResidentForm,
  searchRegistry,
  setUpStation,
  signIn,
} from '../../support/pages';
import { expect, test } from './fixtures';

const ANH = {
  fullName: 'Nguyễn Thị Ánh',
  sex: 'Nữ' as const,
  birthDate: '12041985',
  personalId: '079185001234',
  phone: '0903123456',
  commune: 'binh quoi',
  street: '12 đường Bình Quới',
};

test('a new station registers Nguyễn Thị Ánh, finds her without accents and keeps her declaration', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page);

  await openNewResidentForm(page);
  await fillResidentForm(page, ANH);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('button', { name: 'Khai báo sức khỏe' })).toBeFocused();

  await searchRegistry(page, 'nguyen thi anh');
  const result = page.getByRole('option', { name: /Nguyễn Thị Ánh/ });
  await expect(result).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Nguyễn Thị Ánh' })).toBeVisible();

  await page.getByRole('button', { name: 'Khai báo sức khỏe' }).click();
  for (const agent of ['Penicillin', 'Tôm']) {
    await page.getByRole('button', { name: 'Thêm dị ứng' }).click();
    // The new row takes the focus: kind first (drug by default), Tab, then the agent.
    await expect(page.getByLabel('Loại dị ứng').last()).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type(agent);
    await expect(page.getByLabel('Tác nhân').last()).toHaveValue(agent);
  }
  const doses = [
    { vaccine: 'BCG', date: '20041985' },
    { vaccine: 'HEPB', date: '13041985' },
    { vaccine: 'TD', date: '15032020' },
  ];
  for (const dose of doses) {
    await page.getByRole('button', { name: 'Thêm mũi tiêm' }).click();
    await page.getByLabel('Vắc xin').last().selectOption(dose.vaccine);
    await page.getByLabel('Tình trạng').last().selectOption('1');
    await page.getByLabel('Ngày tiêm').last().pressSequentially(dose.date);
  }
  await page.getByLabel('Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế').check();
  await page.getByRole('button', { name: 'Lưu tờ khai' }).click();
  await expect(page.getByRole('link', { name: 'Lần 1' })).toBeVisible();

  // A reload (or a restart after a crash) comes back to the same screen with everything kept.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Nguyễn Thị Ánh' })).toBeVisible();
  await page.getByRole('link', { name: 'Lần 1' }).click();
  const version = page.locator('main');
  await expect(version.getByText('Penicillin')).toBeVisible();
  await expect(version.getByText('Tôm', { exact: true })).toBeVisible();
  for (const date of ['20/04/1985', '13/04/1985', '15/03/2020']) {
    await expect(version.getByText(date)).toBeVisible();
  }
});

test('an invalid personal ID is explained in Vietnamese and nothing is saved', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  // Century digit 2 means born in the 2000s, but she was born in 1985.
  await fillResidentForm(page, { ...ANH, personalId: '079285001234' });
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await expect(
    page.getByText('Chữ số thứ 4 (thế kỷ/giới tính) không khớp với năm sinh'),
  ).toBeVisible();
  await page.getByLabel('Số định danh cá nhân').fill('07918500123');
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await expect(page.getByText('Số định danh cá nhân gồm đúng 12 chữ số')).toBeVisible();

  await page.getByRole('button', { name: 'Hủy' }).click();
  await page.getByRole('button', { name: 'Bỏ thông tin' }).click();
  await searchRegistry(page, 'nguyen');
  await expect(page.getByText('Không tìm thấy người dân nào khớp với «nguyen».')).toBeVisible();
});

test('a second Nguyen Thi Anh born the same day raises the duplicate warning', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  await fillResidentForm(page, ANH);
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await expect(page.getByRole('button', { name: 'Khai báo sức khỏe' })).toBeVisible();

  await openNewResidentForm(page);
  await fillResidentForm(page, {
    ...ANH,
    fullName: 'Nguyen Thi Anh',
    personalId: '',
    phone: '0912000111',
  });
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  const dialog = page.getByRole('dialog', { name: 'Có thể trùng người dân' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Nguyễn Thị Ánh')).toBeVisible();

  // She decides it is someone else: the confirmation is recorded with the new resident.
  await dialog.getByRole('button', { name: 'Đây là người khác — vẫn đăng ký' }).click();
  await expect(page.getByRole('heading', { name: 'Nguyen Thi Anh' })).toBeVisible();
  await searchRegistry(page, 'nguyen thi anh');
  await expect(page.getByRole('option')).toHaveCount(2);
});

test('a half-filled declaration survives a reload as a draft', async ({ page, shell }) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  await fillResidentForm(page, ANH);
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Khai báo sức khỏe' }).click();

  await page.getByRole('button', { name: 'Thêm dị ứng' }).click();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Aspirin');
  await expect(page.getByText(/Đã lưu nháp lúc \d{2}:\d{2}/)).toBeVisible();

  // The window closes (or the workstation crashes) before she submits.
  await page.reload();
  await expect(page.getByText(/Đã khôi phục bản nháp lưu lúc/)).toBeVisible();
  await expect(page.getByLabel('Tác nhân')).toHaveValue('Aspirin');
});
