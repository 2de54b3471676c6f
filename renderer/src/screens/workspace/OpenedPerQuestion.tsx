/**
 * The shell both workspaces (coding, and the bug-bash/integration project) share: open the
 * question's workspace once per question, say so while it opens or why it could not, and give the
 * loaded screen a fresh mount for each question so no editor state leaks from the last one.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, type ReactNode } from 'react';
import type { InterviewView } from '../../../../main/contract/services/interview.js';
import { errorMessage } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';

interface OpenedPerQuestionProps<View extends { questionId: string }> {
  /** What opens, for the messages: "editor", "project". */
  what: string;
  /** The read's query key; the question number is appended so a new question reads afresh. */
  queryKey: readonly unknown[];
  questionNumber: number;
  /** Null while the question has no workspace (the loading line stays). */
  open: () => Promise<View | null>;
  children: (view: View) => ReactNode;
}

export function OpenedPerQuestion<View extends { questionId: string }>(props: OpenedPerQuestionProps<View>) {
  const query = useQuery({
    queryKey: [...props.queryKey, props.questionNumber],
    queryFn: props.open,
    // The loaded screen owns the view from here on; a kept copy would come back stale.
    gcTime: 0,
  });
  if (query.status === 'error')
    return (
      <p className="notice error">
        The {props.what} could not open: {errorMessage(query.error)}
      </p>
    );
  if (!query.data) return <p className="muted">Opening the {props.what}…</p>;
  return <Fragment key={query.data.questionId}>{props.children(query.data)}</Fragment>;
}

/** Actions answer with the new interview view; putting it in the cache updates the whole page. */
export function useInterviewSetter(sessionId: string): (view: InterviewView) => void {
  const client = useQueryClient();
  return useCallback(
    (view: InterviewView) => client.setQueryData(apiKey('interview', 'get', { sessionId }), view),
    [client, sessionId],
  );
}
