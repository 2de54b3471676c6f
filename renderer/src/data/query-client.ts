/**
 * The renderer's one data layer: every read from core goes through TanStack Query, keyed by the
 * contract method and its input, and stays fresh through core's events (see core-events.ts)
 * rather than polling.
 */
import { QueryClient } from '@tanstack/react-query';
import type { Api } from '../../../main/contract/index.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Core pushes changes as events; nothing here goes stale on a timer or on focus.
        staleTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** The cache key of one contract read: service, method and (when there is one) its input. */
export function apiKey<S extends keyof Api>(service: S, method: keyof Api[S] & string, input?: unknown) {
  return input === undefined ? ([service, method] as const) : ([service, method, input] as const);
}
