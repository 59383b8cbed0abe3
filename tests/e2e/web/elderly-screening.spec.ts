import type { Page } from '@playwright/test';
import {
  fillResidentForm,
  openNewResidentForm,
  setUpStation,
  type ResidentDetails,
} from '../../support/pages';
import { expect, test } from './fixtures';

/** Born 1954: 72 in the station's year. */
const BAY: ResidentDetails = {
  fullName: 'Trần Thị Bảy',
  sex: 'Nữ',
  birthDate: '10021954',
  phone: '0903111222',
  commune: 'Bình Quới',
  street: '21 Bình Quới',
};
const NAM: ResidentDetails = {
  fullName: 'Phạm Văn Năm',
  sex: 'Nam',
  birthDate: '15011961',
  phone: '0903333444',
  commune: 'Bình Quới',
  street: '5 Thanh Đa',
};
/** Under 60 whatever the day this runs in 2026–2027. */
const TU: ResidentDetails = {
  fullName: 'Lý Thị Tư',
  sex: 'Nữ',
  birthDate: '01061970',
  phone: '0903555666',
  commune: 'Bình Quới',
  street: '9 Bình Quới',
};

async function register(page: Page, resident: ResidentDetails): Promise<void> {
  await openNewResidentForm(page);
  await fillResidentForm(page, resident);
  await page.getByRole('button', { name: 'Lưu người dân' }).click();
  await expect(page.getByRole('heading', { name: resident.fullName, level: 1 })).toBeVisible();
}

/** Types into a field reached by keyboard focus, as she does. */
async function typeIn(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.type(text);
}

test('a health worker screens a 72-year-old by keyboard and the lists follow', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await register(page, NAM);
  await register(page, TU);
  await register(page, BAY);

  // Her page offers the screening (she is 60+); Alt+K opens it.
  await expect(page.getByRole('button', { name: 'Khám sàng lọc NCT' })).toBeVisible();
  await expect(page.getByText('Chưa có lần khám nào.')).toBeVisible();
  await page.keyboard.press('Alt+k');
  await expect(
    page.getByRole('heading', { name: 'Khám sàng lọc người cao tuổi', level: 1 }),
  ).toBeVisible();

  await typeIn(page, 'Tâm thu lần 1', '150');
  await page.keyboard.press('Tab');
  await page.keyboard.type('92');
  await page.keyboard.press('Tab');
  await page.keyboard.type('146');
  await page.keyboard.press('Tab');
  await page.keyboard.type('88');
  const bp = page.getByTestId('assessment-bp');
  await expect(bp).toContainText('TB 148/90 mmHg (2 lần đo) — Tăng huyết áp độ 1');
  await expect(bp).toContainText('Hội Tim mạch học Việt Nam');

  await typeIn(page, 'Chiều cao', '152');
  await page.keyboard.press('Tab');
  await page.keyboard.type('60');
  await expect(page.getByTestId('assessment-bmi')).toContainText('26,0 kg/m² — Béo phì độ I');

  // GDS-15 by keyboard: the arrow key answers "Không", Space "Có", Tab the next item.
  const gds = page.locator('[data-instrument="gds15"]');
  await gds.getByRole('radio', { name: 'Có' }).first().focus();
  for (let item = 1; item <= 15; item += 1) {
    if (item >= 2 && item <= 4) await page.keyboard.press('Space');
    else await page.keyboard.press('ArrowRight');
    if (item < 15) await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('score-gds15')).toHaveText('8/15 điểm');
  await expect(page.getByTestId('assessment-gds15')).toContainText('Gợi ý trầm cảm');
  await expect(page.getByTestId('suggested-referrals')).toContainText('Tăng huyết áp');

  await page.getByLabel('Phân loại sức khỏe').focus();
  await page.getByLabel('Phân loại sức khỏe').selectOption({ label: 'Loại II – Khỏe' });
  // The screen scrolls inside the shell: one picture of the form's foot, one of its head.
  await page.screenshot({ path: 'test-results/screens/elderly-screening-form.png' });
  await page.getByLabel('Ngày khám').focus();
  await page.screenshot({ path: 'test-results/screens/elderly-screening-form-top.png' });
  await page.getByLabel('Phân loại sức khỏe').focus();
  await page.keyboard.press('Control+s');

  // Back on her page, the screening is in her history with its findings.
  await expect(page.getByRole('heading', { name: BAY.fullName, level: 1 })).toBeVisible();
  const history = page.getByTestId('elderly-history');
  await expect(history).toContainText('Tăng huyết áp');
  await expect(history).toContainText('Sàng lọc trầm cảm dương tính');

  // The annual-check list: the 65-year-old, not her (screened today), not the 56-year-old.
  await page.getByRole('banner').getByRole('link', { name: 'Người cao tuổi' }).click();
  await expect(
    page.getByRole('heading', { name: 'Người cao tuổi đến hạn khám sức khỏe' }),
  ).toBeVisible();
  const due = page.getByTestId('elderly-due');
  await expect(due.getByRole('link', { name: NAM.fullName })).toBeVisible();
  await expect(due.getByRole('link', { name: BAY.fullName })).toHaveCount(0);
  await expect(due.getByRole('link', { name: TU.fullName })).toHaveCount(0);
  await expect(due).toContainText('Chưa khám');
  await page.screenshot({ path: 'test-results/screens/elderly-due-list.png', fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'In danh sách (PDF)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^nct-den-han-kham-\d{4}-\d{2}-\d{2}\.pdf$/);

  // The follow-up list: her open findings.
  await page.getByRole('link', { name: 'Cần theo dõi' }).click();
  const followUp = page.getByTestId('elderly-follow-up');
  await expect(followUp.getByRole('link', { name: BAY.fullName })).toBeVisible();
  await expect(followUp).toContainText('Tăng huyết áp');
  await expect(followUp.getByRole('link', { name: NAM.fullName })).toHaveCount(0);
  await page.screenshot({
    path: 'test-results/screens/elderly-follow-up-list.png',
    fullPage: true,
  });
});
