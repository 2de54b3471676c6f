/** The interviewer model's state, kept fresh by core's 'llm:status' pushes (see core-events.ts). */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { LlmStatus } from '../../../main/contract/services/models.js';
import { api } from '../api/client.js';
import { apiKey } from './query-client.js';

export const LLM_STATUS_KEY = apiKey('models', 'llmStatus');

export function useLlmStatus(): UseQueryResult<LlmStatus> {
  return useQuery({ queryKey: LLM_STATUS_KEY, queryFn: () => api.models.llmStatus() });
}
