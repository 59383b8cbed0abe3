import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src-main/electron/window-options';

describe('the station window', () => {
  it('runs its page sandboxed, context-isolated and without Node, with only our preload', () => {
    const options = mainWindowOptions('/app/out/preload/index.js');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
