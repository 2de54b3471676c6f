/** Settings are read from one place (the query cache) and written through one mutation. */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { Settings, SettingsPatch } from '../../../main/contract/services/settings.js';
import { api } from '../api/client.js';
import { apiKey } from './query-client.js';

export function useSettings(): UseQueryResult<Settings> {
  return useQuery({ queryKey: apiKey('settings', 'get'), queryFn: () => api.settings.get() });
}

/**
 * Saves a patch. The cache shows it at once (a checkbox must not wait for core to answer before it
 * ticks), takes core's answer when it comes, and goes back to what it was if the save fails; core's
 * settings:changed event tells other windows.
 */
export function useUpdateSettings(): (patch: SettingsPatch) => Promise<Settings> {
  const client = useQueryClient();
  const key = apiKey('settings', 'get');
  const mutation = useMutation({
    mutationFn: (patch: SettingsPatch) => api.settings.update(patch),
    onMutate: async (patch: SettingsPatch) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Settings>(key);
      if (before) client.setQueryData<Settings>(key, { ...before, ...patch });
      return { before };
    },
    onError: (_error, _patch, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSuccess: (settings) => client.setQueryData(key, settings),
  });
  return mutation.mutateAsync;
}
