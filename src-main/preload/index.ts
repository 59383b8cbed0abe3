import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from '../../src-shared/ipc/channels';

/**
 * The sandboxed preload exposes one function and forwards only channels of the contract;
 * no ipcRenderer object, event or Node API reaches the page.
 */
contextBridge.exposeInMainWorld('wardHealth', {
  invoke: (channel: unknown, input: unknown): Promise<unknown> =>
    isChannel(channel)
      ? ipcRenderer.invoke(channel, input)
      : Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel.' },
        }),
});
