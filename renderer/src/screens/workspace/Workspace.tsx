/**
 * The coding workspace: the statement beside a real editor (solution, own tests, docs), the
 * results below, and the conversation with the interviewer on the same page. Built as panes
 * (statement, files, results) so the bug-bash and integration rounds can add a file tree and
 * more file tabs.
 */
import { useMemo, useRef, useState } from 'react';
import type { Language } from '../../../../content/schema.js';
import type { RunView, WorkspaceFile, WorkspaceView } from '../../../../main/contract/services/workspace.js';
import { api } from '../../api/client.js';
import { Tabs } from '../../components/Tabs.js';
import { ActionButton } from '../practice/ActionButton.js';
import { IS_MAC, MOD_LABEL } from '../practice/keys.js';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor.js';
import { DocsPanel } from './DocsPanel.js';
import { perQuestionScreen, useInterviewSetter, type WorkspaceScreenProps } from './OpenedPerQuestion.js';
import { ResultsPanel } from './ResultsPanel.js';
import { Statement } from './Statement.js';
import { saveLabel, useFileAutosave } from './use-autosave.js';
import { useOneAction } from './use-one-action.js';

const LANGUAGE_NAMES: Record<Language, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
};
type Tab = WorkspaceFile | 'docs';
const TABS: { id: Tab; label: string }[] = [
  { id: 'solution', label: 'Solution' },
  { id: 'tests', label: 'My tests' },
  { id: 'docs', label: 'Docs' },
];

type WorkspaceProps = WorkspaceScreenProps;

/**
 * The interview view arrives through the query cache (core's 'interview:changed' event carries
 * the interviewer's remarks and part reveals); the workspace's own view is read once per question.
 */
export const Workspace = perQuestionScreen<WorkspaceView>('editor', 'workspace', Loaded);

function Loaded({ initial, sessionId, interview, onError }: WorkspaceProps & { initial: WorkspaceView }) {
  const onInterview = useInterviewSetter(sessionId);
  const [ws, setWs] = useState(initial);
  const [tab, setTab] = useState<Tab>('solution');
  const [run, setRun] = useState<RunView | null>(initial.lastRun);
  const [confirmFinish, setConfirmFinish] = useState(false);
  const editor = useRef<CodeEditorHandle>(null);
  // The latest text of each file of each language, as typed (the view holds what was loaded).
  const texts = useRef(new Map<string, string>());
  const autosave = useFileAutosave(sessionId, ws.questionId, ws.savedAt);
  const locked = interview.paused || !['question', 'answering', 'deciding'].includes(interview.phase);

  const fileText = (file: WorkspaceFile) => texts.current.get(`${ws.language}:${file}`) ?? ws.files[file];

  const { running, perform } = useOneAction(autosave.flush, onError);

  const actions = useMemo(
    () => ({
      runTests: () =>
        void perform('Running the tests', async () => setRun(await api.workspace.run({ sessionId, kind: 'visible' }))),
      runMine: () =>
        void perform('Running your tests', async () => setRun(await api.workspace.run({ sessionId, kind: 'own' }))),
      submit: () =>
        void perform('Submitting the part', async () => {
          const result = await api.workspace.submit({ sessionId });
          setRun(result.run);
          setWs(result.workspace);
          onInterview(result.interview);
        }),
      moveOn: () =>
        void perform('Moving on', async () => {
          const result = await api.workspace.moveOn({ sessionId });
          setWs(result.workspace);
          onInterview(result.interview);
        }),
      finish: () =>
        void perform('Finishing the problem', async () => {
          onInterview(await api.workspace.finishProblem({ sessionId }));
        }),
    }),
    [perform, sessionId, onInterview],
  );

  const changeLanguage = (language: Language) =>
    void perform('Switching language', async () => {
      const next = await api.workspace.setLanguage({ sessionId, language });
      setWs(next);
    });

  // Keys for the editor (CodeMirror) and for the rest of the workspace.
  const keys = useMemo(
    () => [
      { key: 'Mod-Enter', run: () => (actions.runTests(), true) },
      { key: 'Mod-Shift-Enter', run: () => (actions.runMine(), true) },
      { key: 'Mod-Alt-Enter', run: () => (actions.submit(), true) },
    ],
    [actions],
  );
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented || e.key !== 'Enter' || !(IS_MAC ? e.metaKey : e.ctrlKey)) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.altKey) actions.submit();
    else if (e.shiftKey) actions.runMine();
    else actions.runTests();
  };

  const part = ws.parts[ws.current];
  const errorLine = run && run.line && run.kind !== 'own' && run.language === ws.language ? run.line : null;
  const fileTab = tab === 'docs' ? null : tab;
  return (
    <div className="workspace" data-testid="workspace" data-question-id={ws.questionId} onKeyDown={onKeyDown}>
      <Statement parts={ws.parts} current={ws.current} />
      <section className="ws-files" aria-label="Files">
        <div className="ws-toolbar">
          <Tabs
            label="Workspace tabs"
            idPrefix="ws-tab"
            panelId="ws-tabpanel"
            tabs={TABS}
            selected={tab}
            onSelect={setTab}
          />
          <span className="spacer" />
          <label className="ws-language">
            <span className="visually-hidden">Language</span>
            <select
              className="small-select"
              aria-label="Language"
              value={ws.language}
              disabled={running !== null}
              onChange={(e) => changeLanguage(e.target.value as Language)}
            >
              {ws.languages.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div id="ws-tabpanel" role="tabpanel" aria-labelledby={`ws-tab-${tab}`} className="ws-tabpanel">
          {fileTab ? (
            <CodeEditor
              ref={editor}
              docKey={`${ws.language}:${fileTab}`}
              initial={() => fileText(fileTab)}
              language={ws.language}
              label={`${fileTab === 'solution' ? 'Solution' : 'Your tests'} (${LANGUAGE_NAMES[ws.language]}). Tab indents; press Escape then Tab to leave the editor.`}
              errorLine={fileTab === 'solution' ? errorLine : null}
              keys={keys}
              onChange={(text) => {
                texts.current.set(`${ws.language}:${fileTab}`, text);
                autosave.change(ws.language, fileTab, text);
              }}
            />
          ) : (
            <DocsPanel docs={ws.docs} language={ws.language} />
          )}
        </div>
        <div className="ws-actions row">
          <ActionButton
            label="Run tests"
            keys={[MOD_LABEL, 'Enter']}
            shortcut={IS_MAC ? 'Meta+Enter' : 'Control+Enter'}
            disabled={locked || running !== null}
            onClick={actions.runTests}
            testId="run-tests"
          />
          <ActionButton
            label="Run my tests"
            keys={[MOD_LABEL, 'Shift', 'Enter']}
            disabled={locked || running !== null}
            onClick={actions.runMine}
            testId="run-my-tests"
          />
          <ActionButton
            label="Submit part"
            kind="primary"
            keys={[MOD_LABEL, IS_MAC ? '⌥' : 'Alt', 'Enter']}
            disabled={locked || running !== null || ws.finished}
            onClick={actions.submit}
            testId="submit-part"
          />
          <span className="spacer" />
          <span className="muted small" role="status" data-testid="save-state">
            {saveLabel(autosave.state)}
          </span>
          {!ws.finished && part && part.status === 'current' && (
            <button type="button" className="button" disabled={locked || running !== null} onClick={actions.moveOn}>
              Move on
            </button>
          )}
          {confirmFinish ? (
            <span className="row">
              <span className="small">{ws.finished ? 'Finish this problem?' : 'Stop with parts unfinished?'}</span>
              <button
                type="button"
                className="button danger"
                onClick={() => (setConfirmFinish(false), actions.finish())}
              >
                Finish problem
              </button>
              <button type="button" className="button" onClick={() => setConfirmFinish(false)}>
                Keep working
              </button>
            </span>
          ) : (
            <button
              type="button"
              className={`button ${ws.finished ? 'primary' : ''}`}
              disabled={locked || running !== null}
              onClick={() => setConfirmFinish(true)}
              data-testid="finish-problem"
            >
              Finish problem
            </button>
          )}
        </div>
      </section>
      <ResultsPanel run={run} running={running} />
    </div>
  );
}
