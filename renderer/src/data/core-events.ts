/**
 * Core's events keep the query cache true: each event either carries the new data (set it) or
 * says which reads it made stale (invalidate them). Streams that belong to one screen (tokens,
 * notices, transcript segments) are listened to where they are shown, through useCoreEvent.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { EventMap, EventName } from '../../../main/contract/events.js';
import { onEvent } from '../api/client.js';
import { applyDownload, applyProgress } from './downloads.js';
import { LLM_STATUS_KEY } from './llm-status.js';
import { apiKey } from './query-client.js';

export function connectCoreEvents(client: QueryClient): () => void {
  const offs = [
    onEvent('interview:changed', ({ sessionId, view }) => {
      client.setQueryData(apiKey('interview', 'get', { sessionId }), view);
      void client.invalidateQueries({ queryKey: apiKey('interview', 'summary', { sessionId }) });
      void client.invalidateQueries({ queryKey: apiKey('interview', 'interrupted') });
      void client.invalidateQueries({ queryKey: ['sessions'] });
      // "Last practised" on the role page's question list.
      void client.invalidateQueries({ queryKey: apiKey('content', 'questions') });
      // Snapshots and per-part results grow with every run, submit and turn of a coding question.
      void client.invalidateQueries({ queryKey: apiKey('workspace', 'snapshots', { sessionId }) });
      void client.invalidateQueries({ queryKey: apiKey('workspace', 'feedback', { sessionId }) });
    }),
    onEvent('settings:changed', (settings) => {
      client.setQueryData(apiKey('settings', 'get'), settings);
      // The documentation folder may have changed: its index and searches follow it.
      void client.invalidateQueries({ queryKey: ['docs'] });
    }),
    onEvent('sessions:changed', () => {
      void client.invalidateQueries({ queryKey: ['sessions'] });
      void client.invalidateQueries({ queryKey: apiKey('content', 'questions') });
      void client.invalidateQueries({ queryKey: apiKey('interview', 'interrupted') });
    }),
    onEvent('models:changed', () => {
      void client.invalidateQueries({ queryKey: ['models'] });
      void client.invalidateQueries({ queryKey: ['speech'] });
    }),
    onEvent('llm:status', (status) => client.setQueryData(LLM_STATUS_KEY, status)),
    onEvent('content:changed', () => void client.invalidateQueries({ queryKey: ['content'] })),
    // A pack's reference check started or finished: its status shows in the library.
    onEvent('content:references', () => void client.invalidateQueries({ queryKey: ['content'] })),
    onEvent(
      'feedback:progress',
      ({ sessionId }) => void client.invalidateQueries({ queryKey: apiKey('feedback', 'forSession', { sessionId }) }),
    ),
    onEvent('feedback:ready', ({ sessionId }) => {
      void client.invalidateQueries({ queryKey: apiKey('feedback', 'forSession', { sessionId }) });
      void client.invalidateQueries({ queryKey: ['sessions'] });
    }),
    onEvent('download:progress', (progress) => applyProgress(client, progress)),
    onEvent('download:state', (info) => {
      applyDownload(client, info);
      if (info.state === 'done') void client.invalidateQueries({ queryKey: ['models'] });
    }),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * Listens to one event while the component is mounted. The handler may change on every render
 * (it sees current props and state) without re-subscribing.
 */
export function useCoreEvent<K extends EventName>(name: K, handler: (payload: EventMap[K]) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => onEvent(name, (payload) => latest.current(payload)), [name]);
}
