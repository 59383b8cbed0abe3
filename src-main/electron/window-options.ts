import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Kept apart from main.ts so a unit test can hold them to the
 * Electron security checklist: sandboxed renderer, context isolation, no Node integration,
 * web security on (electronjs.org/docs/latest/tutorial/security).
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: 'Trạm Y tế — Ward Health Station',
    backgroundColor: '#f4f6f8',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
