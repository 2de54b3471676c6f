import type {
  AnswerFlag,
  GenerationStatus,
  HireSignal,
  StarPartName,
} from '../../../../main/contract/services/feedback.js';

export const HIRE_SIGNAL_LABELS: Record<HireSignal, string> = {
  strong_no: 'Strong no',
  no: 'No',
  lean_yes: 'Lean yes',
  yes: 'Yes',
  strong_yes: 'Strong yes',
};

/** Chip colour per hire signal: the words carry the meaning, the colour only repeats it. */
export const HIRE_SIGNAL_TONE: Record<HireSignal, 'bad' | 'warn' | 'good'> = {
  strong_no: 'bad',
  no: 'bad',
  lean_yes: 'warn',
  yes: 'good',
  strong_yes: 'good',
};

export const FLAG_LABELS: Record<AnswerFlag, string> = {
  empty: 'No answer',
  too_short: 'Too short to judge',
  not_english: 'Not in English',
  mostly_fillers: 'Mostly filler words',
  keyword_list: 'A list of keywords',
};

export const STAR_LABELS: Record<StarPartName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
};

export function generationText(status: GenerationStatus): string {
  switch (status.state) {
    case 'rules_only':
      return 'Rule-based feedback. No language model is active, so there are no model scores or written feedback.';
    case 'working':
      return status.total > 0
        ? `Writing model feedback in the background: ${status.done} of ${status.total} done. Rule-based feedback is shown meanwhile.`
        : 'Writing model feedback in the background. Rule-based feedback is shown meanwhile.';
    case 'done':
      return 'Model feedback is ready. Rule-based checks are shown beside it.';
    case 'failed':
      return 'The model could not give feedback this time, so the rule-based feedback is shown.';
  }
}
