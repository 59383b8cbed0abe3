import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeContentSecurityPolicy } from '../../support/csp-probe';

/**
 * The Electron window itself. It needs the Electron binary (fetched by `npm install` on a
 * networked machine) and the Electron-ABI SQLite driver (`node scripts/electron-native.mjs`).
 * Where either is missing — as on the offline build machines — the suite is skipped and says
 * exactly why; the same app is covered there through the browser shell (tests/e2e/web).
 */
const root = join(__dirname, '..', '..', '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const driver = join(root, '.native', 'electron', 'better_sqlite3.node');
const skipReason = !binary
  ? 'the Electron binary is not installed here (node_modules/electron/dist is absent; it is fetched on first use from the network)'
  : !existsSync(driver)
    ? 'the Electron-ABI SQLite driver is not built (run "node scripts/electron-native.mjs" on a networked machine)'
    : null;

if (skipReason) console.log(`[electron e2e] skipped: ${skipReason}`);

/**
 * Starts the app on a fresh data directory. `--accept-weak-keychain`: test machines often run
 * without a desktop keyring, where the app otherwise (rightly) refuses to keep its key.
 */
async function launchStation(): Promise<{ app: ElectronApplication; close: () => Promise<void> }> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'ward-electron-'));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [
      join(root, 'out', 'main', 'index.js'),
      '--data-dir',
      dataDirectory,
      '--accept-weak-keychain',
    ],
  });
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

test.describe('Electron shell', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('opens one sandboxed, context-isolated window on the set-up screen', async () => {
    const { app, close } = await launchStation();
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'Thiết lập trạm y tế' })).toBeVisible();
      // No Node in the page (nodeIntegration off, sandboxed), one function from the preload.
      const exposed = await window.evaluate(() => {
        const page = globalThis as unknown as {
          require?: unknown;
          process?: unknown;
          wardHealth?: object;
        };
        return {
          require: typeof page.require,
          process: typeof page.process,
          bridge: Object.keys(page.wardHealth ?? {}),
        };
      });
      expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke'] });
      const unknown = await window.evaluate(() =>
        (
          globalThis as unknown as {
            wardHealth: { invoke(c: string, i: unknown): Promise<unknown> };
          }
        ).wardHealth.invoke('fs.readFile', {}),
      );
      expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    } finally {
      await close();
    }
  });

  test('opens no other window, never leaves its own page, and grants no permission', async () => {
    const { app, close } = await launchStation();
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Thiết lập trạm y tế' })).toBeVisible();
      const ownUrl = page.url();
      expect(await page.evaluate(() => globalThis.open('https://example.com/') === null)).toBe(
        true,
      );
      await page.evaluate(() => {
        globalThis.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(ownUrl);
      expect(app.windows()).toHaveLength(1);
      const permissions = await page.evaluate(async () => {
        const media = await navigator.mediaDevices
          .getUserMedia({ audio: true })
          .then(() => 'granted')
          .catch((error: Error) => error.name);
        return { media, notification: await Notification.requestPermission() };
      });
      expect(permissions.media).not.toBe('granted');
      expect(permissions.notification).toBe('denied');
    } finally {
      await close();
    }
  });

  test('runs no injected script and loads no remote content (Content-Security-Policy)', async () => {
    const { app, close } = await launchStation();
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Thiết lập trạm y tế' })).toBeVisible();
      const outcome = await probeContentSecurityPolicy(page);
      // No injected inline script runs and no remote content loads.
      expect(outcome).toEqual({ inlineRan: false, violations: ['img-src', 'script-src-elem'] });
    } finally {
      await close();
    }
  });
});
