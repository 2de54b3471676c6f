/**
 * Exposes window.api, built mechanically from the contract: one function per method that
 * resolves to a Result, plus an event subscription. Raw ipcRenderer never reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, type EventEnvelope } from '../contract/events.js';
import { channelName, contract } from '../contract/index.js';

const services: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
for (const [service, methods] of Object.entries(contract)) {
  services[service] = {};
  for (const method of Object.keys(methods)) {
    const channel = channelName(service, method);
    services[service][method] = (input?: unknown) => ipcRenderer.invoke(channel, input);
  }
}

contextBridge.exposeInMainWorld('api', {
  ...services,
  /** The disk path of a file the user picked (model import), which a sandboxed page cannot see. */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
  onEvent(listener: (event: EventEnvelope) => void): () => void {
    const handler = (_event: IpcRendererEvent, envelope: EventEnvelope) => listener(envelope);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
});
