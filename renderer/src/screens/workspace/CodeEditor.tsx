/**
 * CodeMirror 6 for the workspace: JavaScript, TypeScript and Python, Tab indents (Esc then Tab
 * leaves the editor, CodeMirror's own escape hatch), the workspace's run/submit keys, and the
 * line of a syntax error marked.
 *
 * The editor lives in a shadow root: there CodeMirror styles itself with constructed style sheets
 * (adoptedStyleSheets), which the app's CSP (style-src 'self', no inline <style>) allows; in the
 * document it would inject <style> elements the CSP blocks. No eval, no workers.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type KeyBinding,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Language } from '../../../../content/schema.js';

export interface CodeEditorHandle {
  focus: () => void;
  value: () => string;
}

interface CodeEditorProps {
  /** Changing the key (file or language) replaces the document; typing never does. */
  docKey: string;
  /** The document for the current key, read when the key changes. */
  initial: () => string;
  language: Language;
  label: string;
  /** 1-based line to mark as the error, or null. */
  errorLine: number | null;
  onChange: (text: string) => void;
  keys: KeyBinding[];
  ref?: Ref<CodeEditorHandle>;
}

const setErrorLine = StateEffect.define<number | null>();
const errorLineField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      if (line === null || line < 1 || line > tr.state.doc.lines) return Decoration.none;
      const at = tr.state.doc.line(line).from;
      return Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(at)]);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Token colours from the app's palette, so light and dark both read well. */
const appHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--code-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--code-function)' },
  { tag: [tags.typeName, tags.className], color: 'var(--code-type)' },
  { tag: tags.definition(tags.variableName), color: 'var(--code-definition)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', backgroundColor: 'var(--code-bg)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--code-gutter)',
    color: 'var(--text-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-line)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--code-selection) !important',
  },
  '.cm-error-line': { backgroundColor: 'var(--bad-soft)', boxShadow: 'inset 3px 0 0 var(--bad)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
});

function languageSupport(language: Language): Extension {
  if (language === 'python') return [python(), indentUnit.of('    ')];
  return [javascript({ typescript: language === 'typescript' }), indentUnit.of('  ')];
}

export function CodeEditor({ docKey, initial, language, label, errorLine, onChange, keys, ref }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const keySlot = useRef(new Compartment());
  const labelSlot = useRef(new Compartment());
  const changeRef = useRef(onChange);
  useEffect(() => {
    changeRef.current = onChange;
  });

  useImperativeHandle(ref, () => ({
    focus: () => view.current?.focus(),
    value: () => view.current?.state.doc.toString() ?? '',
  }));

  // One editor for the component's life; documents are swapped in, not editors.
  useEffect(() => {
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    mount.className = 'code-editor-mount';
    mount.style.height = '100%';
    shadow.replaceChildren(mount);
    const editor = new EditorView({
      root: shadow,
      parent: mount,
      state: EditorState.create({
        doc: initial(),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion({ activateOnTyping: false }),
          highlightActiveLine(),
          highlightSelectionMatches(),
          syntaxHighlighting(appHighlight),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          errorLineField,
          theme,
          keySlot.current.of(keymap.of(keys)),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
          languageSlot.current.of(languageSupport(language)),
          labelSlot.current.of(EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' })),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch({
      changes: { from: 0, to: editor.state.doc.length, insert: initial() },
      effects: [
        languageSlot.current.reconfigure(languageSupport(language)),
        labelSlot.current.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' })),
        setErrorLine.of(null),
      ],
    });
    // Only a new document (file or language) replaces the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey]);

  useEffect(() => {
    view.current?.dispatch({ effects: keySlot.current.reconfigure(keymap.of(keys)) });
  }, [keys]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLine.of(errorLine) });
  }, [errorLine, docKey]);

  return <div className="code-editor" ref={host} data-testid="code-editor" data-language={language} />;
}
