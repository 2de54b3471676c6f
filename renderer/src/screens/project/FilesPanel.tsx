import { useState } from 'react';
import { cleanNewPath, fileTree } from './project-helpers.js';

interface FilesPanelProps {
  paths: string[];
  active: string | null;
  changed: ReadonlySet<string>;
  added: ReadonlySet<string>;
  readOnly: ReadonlySet<string>;
  disabled: boolean;
  onOpen: (path: string) => void;
  /** Returns a sentence when the name is refused. */
  onCreate: (path: string) => string | null;
}

/** The workspace's files as a tree (changed and new files marked), and a field to add one. */
export function FilesPanel({ paths, active, changed, added, readOnly, disabled, onOpen, onCreate }: FilesPanelProps) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const refused = onCreate(cleanNewPath(name));
    setProblem(refused);
    if (!refused) {
      setAdding(false);
      setName('');
    }
  };
  return (
    <div className="pj-files">
      <ul className="pj-tree" aria-label="Files">
        {fileTree(paths).map((entry) =>
          entry.folder ? (
            <li key={`${entry.path}/`} className={`pj-folder pj-depth-${Math.min(entry.depth, 5)}`}>
              {entry.name}/
            </li>
          ) : (
            <li key={entry.path} className={`pj-depth-${Math.min(entry.depth, 5)}`}>
              <button
                type="button"
                className="pj-file"
                aria-current={entry.path === active ? 'true' : undefined}
                data-path={entry.path}
                onClick={() => onOpen(entry.path)}
              >
                <span className="pj-file-name">{entry.name}</span>
                {added.has(entry.path) ? (
                  <span className="pj-mark pj-added" title="New file">
                    new
                  </span>
                ) : changed.has(entry.path) ? (
                  <span className="pj-mark pj-changed" title="Changed">
                    M
                  </span>
                ) : readOnly.has(entry.path) ? (
                  <span className="pj-mark" title="Provided by the app, read-only">
                    ro
                  </span>
                ) : null}
              </button>
            </li>
          ),
        )}
      </ul>
      {adding ? (
        <form
          className="pj-new-file"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label className="field">
            <span className="label">New file path</span>
            <input
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="test/repro.test.js"
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'pj-new-file-problem' : undefined}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setAdding(false);
                }
              }}
            />
          </label>
          {problem && (
            <p id="pj-new-file-problem" className="notice error small" role="alert">
              {problem}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button primary">
              Add
            </button>
            <button type="button" className="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button small" disabled={disabled} onClick={() => setAdding(true)}>
          New file
        </button>
      )}
    </div>
  );
}
