/**
 * The shell both workspaces (coding, and the bug-bash/integration project) share: open the
 * question's workspace once per question, say so while it opens or why it could not, and give the
 * loaded screen a fresh mount for each question so no editor state leaks from the last one.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, type ComponentType, type ReactNode } from 'react';
import type { InterviewView } from '../../../../main/contract/services/interview.js';
import { api, errorMessage } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';

/** What the practice screen gives either workspace. */
export interface WorkspaceScreenProps {
  sessionId: string;
  interview: InterviewView;
  onError: (message: string) => void;
}

interface OpenedPerQuestionProps<View extends { questionId: string }> {
  /** What opens, for the messages: "editor", "project". */
  what: string;
  service: 'workspace' | 'project';
  sessionId: string;
  /** Part of the read's key, so a new question reads afresh. */
  questionNumber: number;
  children: (view: View) => ReactNode;
}

/**
 * The workspace screen of one service: its loaded screen gets the view as `initial`. Both
 * services open with { sessionId } and answer null while the question has no workspace (the
 * loading line stays).
 */
export function perQuestionScreen<View extends { questionId: string }>(
  what: string,
  service: 'workspace' | 'project',
  Loaded: ComponentType<WorkspaceScreenProps & { initial: View }>,
): ComponentType<WorkspaceScreenProps> {
  return function PerQuestion(props: WorkspaceScreenProps) {
    return (
      <OpenedPerQuestion<View>
        what={what}
        service={service}
        sessionId={props.sessionId}
        questionNumber={props.interview.questionNumber}
      >
        {(view) => <Loaded initial={view} {...props} />}
      </OpenedPerQuestion>
    );
  };
}

function OpenedPerQuestion<View extends { questionId: string }>(props: OpenedPerQuestionProps<View>) {
  const input = { sessionId: props.sessionId };
  const query = useQuery({
    queryKey: [...apiKey(props.service, 'open', input), props.questionNumber],
    queryFn: () => api[props.service].open(input) as Promise<View | null>,
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
