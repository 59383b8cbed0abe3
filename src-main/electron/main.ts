import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDirectory } from '../app/data-directory';
import { openStationApp, type StationApp } from '../app/station-app';
import { APP_VERSION } from '../app/version';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { registerIpc, trustedFrameCheck } from './ipc-registration';
import { assertAddonAbi, assertCipherDriver, NATIVE_DRIVER_FILE } from './native-binding';
import { acceptsWeakKeychain, SafeStorageSecretStore } from './safe-storage-secret-store';
import { mainWindowOptions } from './window-options';

/** Set by electron-vite in development; absent in preview and packaged builds. */
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = devServerUrl ?? pathToFileURL(rendererFile).href;

/** The Electron-ABI build of better-sqlite3-multiple-ciphers (scripts/electron-native.mjs). */
function nativeBindingPath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'native', NATIVE_DRIVER_FILE)
    : join(app.getAppPath(), '.native', 'electron', NATIVE_DRIVER_FILE);
}

function fatal(title: string, error: unknown): never {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
  throw error;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '..', 'preload', 'index.js')));
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
}

let station: StationApp | null = null;

if (!app.requestSingleInstanceLock()) {
  // Two instances would write the same database from two processes.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererUrl));

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);

    const binding = nativeBindingPath();
    try {
      assertAddonAbi(binding, Number(process.versions.modules));
      assertCipherDriver(binding);
    } catch (error) {
      fatal('Ward Health Station cannot open its database driver', error);
    }
    try {
      const dataDirectory = resolveDataDirectory(
        process.argv,
        process.env,
        app.getPath('userData'),
      );
      // The database key lives in the OS keychain (safeStorage), its ciphertext in userData.
      // On Linux without a keychain this refuses to open unless --accept-weak-keychain.
      const secretStore = new SafeStorageSecretStore(safeStorage, {
        directory: app.getPath('userData'),
        platform: process.platform,
        acceptWeakKeychain: acceptsWeakKeychain(process.argv),
      });
      station = openStationApp({
        dataDirectory,
        shell: 'electron',
        version: APP_VERSION,
        nativeBinding: binding,
        secretStore,
      });
    } catch (error) {
      fatal('Ward Health Station cannot open the station database', error);
    }
    const opened = station;
    registerIpc(
      ipcMain,
      (channel, input) => opened.dispatch(channel, input),
      trustedFrameCheck(rendererUrl),
    );
    createWindow();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => station?.close());
}
