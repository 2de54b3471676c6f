import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelsOf, contract, EVENT_CHANNEL } from '../contract/index.js';
import type { Result } from '../contract/result.js';
import type { Core } from '../core/create-core.js';
import { isTrustedSender } from './policies.js';

/** One ipcMain.handle per contract method, each guarded by the sender check. */
export function registerIpc(ipcMain: IpcMain, core: Core, mainWebContents: () => WebContents | null): () => void {
  const channels = channelsOf(contract);
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> | Result<unknown> => {
      const trusted = isTrustedSender(
        {
          webContentsId: event.sender.id,
          frameUrl: event.senderFrame?.url,
          isMainFrame: event.senderFrame === event.sender.mainFrame,
        },
        mainWebContents()?.id ?? null,
      );
      if (!trusted) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This window may not use the app.' } };
      return core.dispatch(channel, input);
    });
  }
  const unsubscribe = core.events.subscribe((event) => {
    const target = mainWebContents();
    if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
