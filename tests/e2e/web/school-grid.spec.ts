import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpStation } from '../../support/pages';
import { writeClassRosterXlsx, type FixturePupil } from '../../support/roster-fixtures';
import {
  addClassAndOpen,
  addSchool,
  expectRowSaved,
  gridCell,
  gridRow,
  importRoster,
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

test('a class of 30 is imported, then screened with the keyboard; a reload loses nothing', async ({
  page,
  shell,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
  const year = schoolYearNow();
  const { path, pupils } = await writeClassRosterXlsx(dir, {
    pupils: 30,
    schoolYearStart: year.start,
  });
  const name = (i: number) => (pupils[i] as FixturePupil).fullName;

  await page.goto(shell.launchUrl);
  await setUpStation(page);
  const school = await addSchool(page, { name: 'Trường Tiểu học Bình Quới', level: 'Tiểu học' });
  await page.screenshot({ path: `${SCREENS}/school-schools.png`, fullPage: true });
  await addClassAndOpen(page, school, { name: '5A', grade: 5, schoolYear: year.label });

  await importRoster(page, path, 30, `${SCREENS}/school-roster-preview.png`);
  await expect(page.getByRole('row')).toHaveCount(31);
  await page.screenshot({ path: `${SCREENS}/school-class.png`, fullPage: true });

  await openScreeningDay(page, 'I');
  // Without consent the figures cannot be typed; consent is recorded from the row.
  await expect(gridCell(page, name(0), 'Cao (cm)')).toBeDisabled();
  await gridRow(page, name(0)).getByRole('button', { name: 'Ghi đồng ý' }).click();
  await page.screenshot({ path: `${SCREENS}/school-consent.png` });
  await page.keyboard.press('Escape');
  for (const i of [0, 1, 3, 4]) {
    await recordConsent(page, name(i), (pupils[i] as FixturePupil).guardianName);
  }

  // Round I, keyboard only: Tab between cells, Enter to the same column of the next pupil.
  await typeRow(page, name(0), ['132,5', '28,4', '100', '65', '86', '10', '', '8/10']);
  await page.keyboard.press('Enter');
  await expectRowSaved(page, name(0));
  await expect(gridRow(page, name(0)).getByText('Bình thường')).toBeVisible();
  await expect(gridCell(page, name(0), 'MP không kính')).toHaveValue('10/10');

  await typeRow(page, name(1), ['130', '26', '98', '60', '90']);
  await page.keyboard.press('Enter');
  await expectRowSaved(page, name(1));

  // The next pupil is absent: Alt+V, and the reason in the note.
  await gridCell(page, name(2), 'Ghi chú').focus();
  await page.keyboard.press('Alt+KeyV');
  await page.keyboard.type('Ốm, nghỉ học');
  await page.keyboard.press('Enter');
  await expectRowSaved(page, name(2));
  await expect(gridRow(page, name(2)).getByText('Vắng', { exact: true })).toBeVisible();

  // An implausible height is refused with the reason in Vietnamese; what she typed stays.
  await typeRow(page, name(3), ['15', '30']);
  await page.keyboard.press('Enter');
  const refused = gridRow(page, name(3)).getByRole('alert');
  await expect(refused).toContainText('Giá trị không hợp lý — phải trong khoảng 45–210');
  await expect(gridCell(page, name(3), 'Cao (cm)')).toHaveValue('15');
  await page.screenshot({ path: `${SCREENS}/school-grid.png`, fullPage: true });
  await gridCell(page, name(3), 'Cao (cm)').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('141');
  await page.keyboard.press('Enter');
  await expectRowSaved(page, name(3));

  // A row being typed when the window goes away is restored and saved after the reload.
  await typeRow(page, name(4), ['138', '33,5']);
  await page.reload();
  await expect(gridCell(page, name(4), 'Cao (cm)')).toHaveValue('138');
  await expect(gridCell(page, name(4), 'Nặng (kg)')).toHaveValue('33,5');
  await expectRowSaved(page, name(4));
  await expectRowSaved(page, name(0));
  await expect(gridCell(page, name(0), 'Nặng (kg)')).toHaveValue('28,4');
  await expect(page.getByRole('status').filter({ hasText: 'đã khám' })).toContainText(
    '4/30 đã khám · 1 vắng · 0 chưa lưu',
  );

  // Round II shows the physique columns only.
  await page.getByRole('link', { name: /^Lớp 5A/ }).click();
  await openScreeningDay(page, 'II');
  await expect(gridCell(page, name(0), 'Cao (cm)')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'HA tâm thu' })).toHaveCount(0);
  rmSync(dir, { recursive: true, force: true });
});
