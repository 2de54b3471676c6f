/**
 * The project workspace of a bug-bash or integration round: a small repository in the coding
 * workspace's editor (one CodeMirror, one document state per file, so undo is per file), a file
 * tree with tabs, search across files (Ctrl/Cmd+Shift+F), go to line (Ctrl/Cmd+G), the bug
 * report or the task's parts, the docs, and the project's own test output with traces that open
 * the file at the line. Files autosave; reset asks first.
 *
 * Over 300 lines: The screen wires one editor, its per-file states and the keyboard to the panels;
 * the pure helpers live in project-helpers.ts.
 */
import { gotoLine } from '@codemirror/search';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectView } from '../../../../main/contract/services/project.js';
import type { SuiteRun } from '../../../../main/contract/suite-results.js';
import { api } from '../../api/client.js';
import { Tabs } from '../../components/Tabs.js';
import { ActionButton } from '../practice/ActionButton.js';
import { IS_MAC, MOD_LABEL } from '../practice/keys.js';
import { CodeEditor, type CodeEditorHandle } from '../workspace/CodeEditor.js';
import { perQuestionScreen, useInterviewSetter, type WorkspaceScreenProps } from '../workspace/OpenedPerQuestion.js';
import { saveLabel, useAutosave } from '../workspace/use-autosave.js';
import { useOneAction } from '../workspace/use-one-action.js';
import { BriefPanel, PartCheck } from './BriefPanel.js';
import { FilesPanel } from './FilesPanel.js';
import { Markdown } from './Markdown.js';
import { editorLanguage } from './project-helpers.js';
import { SearchPanel } from './SearchPanel.js';
import { TestOutput } from './TestOutput.js';

type Side = 'brief' | 'files' | 'docs' | 'search';
const SIDES: { id: Side; label: string }[] = [
  { id: 'brief', label: 'Brief' },
  { id: 'files', label: 'Files' },
  { id: 'docs', label: 'Docs' },
  { id: 'search', label: 'Search' },
];

type ProjectWorkspaceProps = WorkspaceScreenProps;

export const ProjectWorkspace = perQuestionScreen<ProjectView>('project', 'project', Loaded);

/** The file to show first: the bug report's usual suspects are in src/, else the README. */
function firstFile(project: ProjectView): string | null {
  const paths = Object.keys(project.files).sort();
  return paths.find((p) => /^readme\.md$/i.test(p)) ?? paths.find((p) => !project.readOnly.includes(p)) ?? null;
}

function Loaded({ initial, sessionId, interview, onError }: ProjectWorkspaceProps & { initial: ProjectView }) {
  const onInterview = useInterviewSetter(sessionId);
  const [project, setProject] = useState(initial);
  const [paths, setPaths] = useState(() => Object.keys(initial.files));
  const [tabs, setTabs] = useState<string[]>(() => [firstFile(initial)].filter((p): p is string => p !== null));
  const [active, setActive] = useState<string | null>(tabs[0] ?? null);
  const [side, setSide] = useState<Side>('brief');
  const [run, setRun] = useState<SuiteRun | null>(initial.lastRun);
  const [confirm, setConfirm] = useState<'reset' | 'finish' | 'delete' | null>(null);
  const [edited, setEdited] = useState<Set<string>>(() => new Set());
  // Bumped by a reset: every document is replaced, so the editor drops its kept states.
  const [generation, setGeneration] = useState(0);
  const texts = useRef<Record<string, string>>({ ...initial.files });
  const editor = useRef<CodeEditorHandle>(null);
  const jump = useRef<{ path: string; line: number } | null>(null);
  const locked = interview.paused || !['question', 'answering', 'deciding'].includes(interview.phase);
  const readOnly = useMemo(() => new Set(project.readOnly), [project.readOnly]);
  const fileSet = useMemo(() => new Set(paths), [paths]);

  const save = useCallback(
    (path: string, text: string) => api.project.saveFile({ sessionId, questionId: project.questionId, path, text }),
    [sessionId, project.questionId],
  );
  const autosave = useAutosave(save, initial.savedAt);

  const applyView = useCallback((next: ProjectView) => {
    setProject(next);
    texts.current = { ...next.files };
    setPaths(Object.keys(next.files));
    setTabs((open) => open.filter((p) => p in next.files));
    setActive((a) => (a && a in next.files ? a : (firstFile(next) ?? null)));
  }, []);

  const { running, perform } = useOneAction(autosave.flush, onError);

  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  });
  const openFile = useCallback((path: string, line?: number) => {
    setTabs((open) => (open.includes(path) ? open : [...open, path]));
    if (line !== undefined) {
      if (activeRef.current === path) editor.current?.goToLine(line);
      else jump.current = { path, line };
    }
    setActive(path);
  }, []);

  // A jump to a file that was not shown waits for the editor to hold that file.
  useEffect(() => {
    const pending = jump.current;
    if (pending && pending.path === active) {
      jump.current = null;
      editor.current?.goToLine(pending.line);
    }
  }, [active]);

  // Whatever file is shown has a tab (a reset or a delete may have picked a new one).
  const shownTabs = active && !tabs.includes(active) ? [...tabs, active] : tabs;
  const closeTab = (path: string) => {
    const next = shownTabs.filter((p) => p !== path);
    setTabs(next);
    if (active === path) setActive(next.at(-1) ?? null);
  };
  const readTexts = useCallback(() => texts.current, []);

  const actions = useMemo(
    () => ({
      runTests: () => void perform('Running the tests', async () => setRun(await api.project.runTests({ sessionId }))),
      submitPart: () =>
        void perform('Checking the part against the API with faults', async () => {
          const result = await api.project.submitPart({ sessionId });
          setProject((before) => {
            // A new part appeared: show its statement.
            if (result.project.parts.length > before.parts.length) setSide('brief');
            return result.project;
          });
          onInterview(result.interview);
        }),
      moveOn: () =>
        void perform('Moving on', async () => {
          const result = await api.project.moveOn({ sessionId });
          setProject(result.project);
          onInterview(result.interview);
        }),
      reset: () =>
        void perform('Resetting the files', async () => {
          autosave.discard();
          applyView(await api.project.reset({ sessionId }));
          setEdited(new Set());
          setGeneration((g) => g + 1);
        }),
      finish: () =>
        void perform('Finishing', async () => {
          onInterview(await api.project.finish({ sessionId }));
        }),
    }),
    [perform, sessionId, onInterview, autosave, applyView],
  );

  const deleteActive = () => {
    const path = active;
    if (!path) return;
    void perform(`Deleting ${path}`, async () => {
      autosave.discard(path);
      applyView(await api.project.deleteFile({ sessionId, questionId: project.questionId, path }));
    });
  };

  const createFile = (path: string): string | null => {
    if (!path) return 'Type a path such as test/repro.test.js.';
    if (fileSet.has(path)) return `${path} already exists.`;
    if (path.startsWith('_support/')) return 'Files under _support/ are the app’s helpers: put yours elsewhere.';
    void perform(`Adding ${path}`, async () => {
      await save(path, '');
      texts.current[path] = '';
      setPaths((p) => [...p, path]);
      setEdited((e) => new Set(e).add(path));
      openFile(path);
    });
    return null;
  };

  // Bumped to put the cursor in the search field (once the panel has rendered).
  const [searchFocus, setSearchFocus] = useState(0);
  const showSearch = () => {
    setSide('search');
    setSearchFocus((n) => n + 1);
  };

  const keys = useMemo(
    () => [
      { key: 'Mod-Enter', run: () => (actions.runTests(), true) },
      { key: 'Mod-Alt-Enter', run: () => (actions.submitPart(), true) },
      { key: 'Mod-g', run: gotoLine },
      { key: 'Mod-Shift-f', run: () => (showSearch(), true) },
    ],
    [actions],
  );
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented || !(IS_MAC ? e.metaKey : e.ctrlKey)) return;
    const key = e.key.toLowerCase();
    if (key === 'enter') {
      e.preventDefault();
      e.stopPropagation();
      if (e.altKey && project.kind === 'integration') actions.submitPart();
      else if (!e.altKey) actions.runTests();
    } else if (key === 'f' && e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      showSearch();
    }
  };

  const added = useMemo(() => new Set(paths.filter((p) => !(p in initial.files))), [paths, initial.files]);
  const changed = useMemo(() => new Set([...project.changed, ...edited]), [project.changed, edited]);
  const failingHere = run?.tests.find((t) => !t.passed && t.at?.file === active)?.at?.line ?? null;
  const current = project.parts.at(-1);
  const disabled = locked || running !== null;
  return (
    <div
      className="project"
      data-testid="project"
      data-kind={project.kind}
      data-question-id={project.questionId}
      onKeyDown={onKeyDown}
    >
      <aside className="pj-side card">
        <Tabs
          label="Project panels"
          idPrefix="pj-side"
          panelId="pj-side-panel"
          tabs={SIDES}
          selected={side}
          onSelect={(id) => (id === 'search' ? showSearch() : setSide(id))}
        />
        <div
          id="pj-side-panel"
          role="tabpanel"
          aria-labelledby={`pj-side-${side}`}
          className="pj-side-panel"
          tabIndex={0}
        >
          {side === 'brief' && <BriefPanel project={project} />}
          {side === 'files' && (
            <FilesPanel
              paths={paths}
              active={active}
              changed={changed}
              added={added}
              readOnly={readOnly}
              disabled={disabled}
              onOpen={(p) => openFile(p)}
              onCreate={createFile}
            />
          )}
          {side === 'docs' && (
            <div className="pj-docs">
              {project.docs.map((doc) => (
                <section key={doc.title} aria-label={doc.title}>
                  <h3 className="small-heading">{doc.title}</h3>
                  <Markdown source={doc.body} />
                </section>
              ))}
              {project.docs.length === 0 && <p className="muted">This exercise has no docs beyond its README.</p>}
            </div>
          )}
          {side === 'search' && <SearchPanel read={readTexts} onOpen={openFile} focusToken={searchFocus} />}
        </div>
      </aside>

      <section className="pj-main" aria-label="Editor">
        <ul className="pj-tabs" aria-label="Open files">
          {shownTabs.map((path) => (
            <li key={path} className="pj-tab" data-active={path === active || undefined}>
              <button type="button" aria-current={path === active ? 'true' : undefined} onClick={() => setActive(path)}>
                {path.split('/').at(-1)}
                {changed.has(path) && <span aria-label=" (changed)"> •</span>}
              </button>
              <button
                type="button"
                className="pj-tab-close"
                aria-label={`Close ${path}`}
                onClick={() => closeTab(path)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="pj-editor-body">
          {active ? (
            <CodeEditor
              ref={editor}
              docKey={`${generation}:${active}`}
              initial={() => texts.current[active] ?? ''}
              language={editorLanguage(active)}
              label={`${active}${readOnly.has(active) ? ' (read-only helper: changes are not saved)' : ''}. Tab indents; press Escape then Tab to leave the editor.`}
              errorLine={failingHere}
              keys={keys}
              onChange={(text) => {
                texts.current[active] = text;
                if (readOnly.has(active)) return;
                setEdited((e) => (e.has(active) ? e : new Set(e).add(active)));
                autosave.change(active, text);
              }}
            />
          ) : (
            <p className="muted pj-empty">Open a file from the Files panel.</p>
          )}
        </div>
        <div className="ws-actions row">
          <ActionButton
            label="Run tests"
            keys={[MOD_LABEL, 'Enter']}
            shortcut={IS_MAC ? 'Meta+Enter' : 'Control+Enter'}
            kind={project.kind === 'bug_bash' ? 'primary' : 'plain'}
            disabled={disabled}
            onClick={actions.runTests}
            testId="pj-run-tests"
          />
          {project.kind === 'integration' && !project.finished && (
            <ActionButton
              label="Submit part"
              kind="primary"
              keys={[MOD_LABEL, IS_MAC ? '⌥' : 'Alt', 'Enter']}
              disabled={disabled}
              onClick={actions.submitPart}
              testId="pj-submit-part"
            />
          )}
          {project.kind === 'integration' && !project.finished && current?.status === 'current' && (
            <button type="button" className="button" disabled={disabled} onClick={actions.moveOn}>
              Move on
            </button>
          )}
          <span className="spacer" />
          <span className="muted small" role="status" data-testid="pj-save-state">
            {saveLabel(autosave.state)}
          </span>
          {confirm ? (
            <span className="row" role="group" aria-label="Confirm">
              <span className="small">
                {confirm === 'reset'
                  ? 'Put every file back to the start? Your changes are lost (runs stay in the record).'
                  : confirm === 'delete'
                    ? `Delete ${active ?? ''}?`
                    : 'Done with this codebase? The interviewer moves on.'}
              </span>
              <button
                type="button"
                className="button danger"
                autoFocus
                onClick={() => {
                  const what = confirm;
                  setConfirm(null);
                  if (what === 'reset') actions.reset();
                  else if (what === 'delete') deleteActive();
                  else actions.finish();
                }}
              >
                {confirm === 'reset' ? 'Reset files' : confirm === 'delete' ? 'Delete file' : 'Finish'}
              </button>
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                Cancel
              </button>
            </span>
          ) : (
            <>
              <button
                type="button"
                className="button"
                disabled={disabled || !active || readOnly.has(active)}
                onClick={() => setConfirm('delete')}
              >
                Delete file
              </button>
              <button type="button" className="button" disabled={disabled} onClick={() => setConfirm('reset')}>
                Reset to start
              </button>
              <button
                type="button"
                className="button"
                disabled={disabled}
                onClick={() => setConfirm('finish')}
                data-testid="pj-finish"
              >
                Finish
              </button>
            </>
          )}
        </div>
      </section>

      <div className="pj-below stack">
        {project.lastCheck && <PartCheck check={project.lastCheck} />}
        <TestOutput run={run} running={running} files={fileSet} onOpen={openFile} />
      </div>
    </div>
  );
}
