/**
 * The UI's `api`: every contract method as a typed async function. Errors come back as
 * AppError with a code and a human message.
 */
import type { EventMap, EventName } from '../../../main/contract/events.js';
import { channelName, contract, type Api } from '../../../main/contract/index.js';
import { AppError } from '../../../main/contract/result.js';
import { bridgeTransport } from './bridge-transport.js';
import { electronTransport } from './electron-transport.js';
import type { Transport } from './transport.js';

export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const group: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const channel = channelName(service, method);
      group[method] = async (input?: unknown) => {
        const result = await transport.call(channel, input);
        if (!result.ok) throw AppError.fromInfo(result.error);
        return result.value;
      };
    }
    api[service] = group;
  }
  return api as unknown as Api;
}

export const transport: Transport = electronTransport() ?? bridgeTransport();
export const api: Api = createApi(transport);

export function onEvent<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): () => void {
  return transport.onEvent((event) => {
    if (event.name === name) listener(event.payload as EventMap[K]);
  });
}

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
