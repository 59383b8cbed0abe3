import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpStation } from '../../support/pages';
import { readPdf } from '../../support/pdf-text';
import { writeClassRosterXlsx, type FixturePupil } from '../../support/roster-fixtures';
import {
  addClassAndOpen,
  addSchool,
  expectRowSaved,
  gridCell,
  openScreeningDay,
  recordConsent,
  typeRow,
} from '../../support/school-pages';
import { expect, test } from './fixtures';

const SCREENS = 'test-results/screens';

/** The class list of the current school year, so every pupil's age fits grade 5. */
function schoolYearNow(): { start: number; label: string } {
  const now = new Date();
  const start = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  return { start, label: `${start}-${start + 1}` };
}

test('a screened class is summarised, its referrals listed and the parents’ letters downloaded', async ({
  page,
  shell,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-e2e-'));
  const year = schoolYearNow();
  const { path, pupils } = await writeClassRosterXlsx(dir, {
    pupils: 5,
    schoolYearStart: year.start,
  });
  const pupil = (i: number) => pupils[i] as FixturePupil;

  await page.goto(shell.launchUrl);
  await setUpStation(page);
  const school = await addSchool(page, { name: 'Trường Tiểu học Bình Quới', level: 'Tiểu học' });
  await addClassAndOpen(page, school, { name: '5A', grade: 5, schoolYear: year.label });
  await page.getByRole('link', { name: 'Nhập danh sách lớp' }).click();
  await page.getByLabel('Tệp danh sách (.xlsx, .csv)').setInputFiles(path);
  await page.getByRole('button', { name: 'Nhập danh sách (5 học sinh)' }).click();
  await expect(page.getByText(/^Đã nhập:/)).toBeVisible();
  await page.getByRole('button', { name: 'Về lớp' }).click();

  // Round I: a normal pupil, a thin pupil who sees 7/10 with the left eye, one absent.
  await openScreeningDay(page, 'I');
  for (const i of [0, 1, 2]) await recordConsent(page, pupil(i).fullName, pupil(i).guardianName);
  await typeRow(page, pupil(0).fullName, ['140', '33', '100', '62', '84', '10', '', '10']);
  await page.keyboard.press('Enter');
  await expectRowSaved(page, pupil(0).fullName);
  await typeRow(page, pupil(1).fullName, ['140', '25,5', '98', '60', '88', '10', '', '7']);
  await page.keyboard.press('Enter');
  await expectRowSaved(page, pupil(1).fullName);
  await gridCell(page, pupil(2).fullName, 'Ghi chú').focus();
  await page.keyboard.press('Alt+KeyV');
  await page.keyboard.press('Enter');
  await expectRowSaved(page, pupil(2).fullName);

  await page.getByRole('link', { name: /^Lớp 5A/ }).click();
  await page.getByRole('link', { name: 'Tổng hợp đợt I', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: /^Tổng hợp kết quả khám lớp 5A — đợt I/ }),
  ).toBeVisible();
  const counts = page.locator('.report-counts');
  await expect(counts).toContainText('Sĩ số5');
  await expect(counts).toContainText('Đã khám2');
  await expect(counts).toContainText('Vắng1');
  await expect(counts).toContainText('Chưa khám2');
  const summary = page.getByRole('table', { name: 'Kết quả theo từng mục' });
  await expect(summary.getByRole('row', { name: /^Gầy 1 50,0 %$/ })).toBeVisible();
  const referrals = page.getByRole('table').filter({ hasText: 'Nơi chuyển' });
  await expect(referrals.getByRole('row', { name: new RegExp(pupil(1).fullName) })).toContainText(
    'Giảm thị lực — khám mắt',
  );
  await expect(referrals.getByRole('row', { name: new RegExp(pupil(1).fullName) })).toContainText(
    pupil(1).guardianPhone,
  );
  await page.screenshot({ path: `${SCREENS}/school-summary.png`, fullPage: true });

  // The whole class's letters: one PDF, a letter for each examined pupil.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải thông báo cả lớp (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^thong-bao-suc-khoe-lop-5a-dot-I-.*\.pdf$/);
  await expect(page.getByText('Đã tạo 2 thông báo.')).toBeVisible();
  const pdf = readPdf(readFileSync(await download.path()));
  const text = pdf.pages.join(' ');
  expect(text).toContain(pupil(0).fullName);
  expect(text).toContain(pupil(1).fullName);
  expect(text).not.toContain(pupil(2).fullName);
  expect(text).toContain('Cần đưa em đi khám mắt');

  // Printing shows the report only: no navigation, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Tải thông báo cả lớp (PDF)' })).toBeHidden();
  await page.screenshot({ path: `${SCREENS}/school-summary-print.png`, fullPage: true });
  rmSync(dir, { recursive: true, force: true });
});
