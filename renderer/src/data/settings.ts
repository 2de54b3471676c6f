/** Settings are read from one place (the query cache) and written through one mutation. */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { Settings, SettingsPatch } from '../../../main/contract/services/settings.js';
import { api } from '../api/client.js';
import { apiKey } from './query-client.js';

export function useSettings(): UseQueryResult<Settings> {
  return useQuery({ queryKey: apiKey('settings', 'get'), queryFn: () => api.settings.get() });
}

/** Saves a patch; the cache takes core's answer (and core's settings:changed event tells other windows). */
export function useUpdateSettings(): (patch: SettingsPatch) => Promise<Settings> {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (patch: SettingsPatch) => api.settings.update(patch),
    onSuccess: (settings) => client.setQueryData(apiKey('settings', 'get'), settings),
  });
  return mutation.mutateAsync;
}
