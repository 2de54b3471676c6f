import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { MAX_PACK_BYTES, type PackProblem, type RoleSummary } from '../../../main/contract/services/content.js';
import { api, errorMessage } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { RoundKindSelect } from '../components/RoundKindSelect.js';
import { apiKey } from '../data/query-client.js';
import { roundKindLabel } from '../labels.js';
import { href } from '../router.js';
import { InterruptedSessions } from './InterruptedSessions.js';
import { ReferenceCheck } from './ReferenceCheck.js';

type ImportMessage = { kind: 'good' | 'error'; text: string; errors?: string[] };

export function RoleLibraryScreen() {
  const library = useQuery({ queryKey: apiKey('content', 'library'), queryFn: () => api.content.library() });
  const reload = () => void library.refetch();
  const [message, setMessage] = useState<ImportMessage | null>(null);
  return (
    <div className="stack">
      <header className="page-header">
        <div>
          <h1>Choose a role to practice</h1>
          <p className="muted">Every role is a full interview loop. Pick one, then pick a round.</p>
        </div>
        <ImportPackButton onImported={reload} onMessage={setMessage} />
      </header>
      {message && <ImportResult message={message} onDismiss={() => setMessage(null)} />}
      <InterruptedSessions />
      <Async state={library} label="roles">
        {(value) => (
          <>
            {value.invalid.length > 0 && <InvalidPacks problems={value.invalid} />}
            <RoleGrid roles={value.roles} onChecked={reload} />
          </>
        )}
      </Async>
    </div>
  );
}

function RoleGrid({ roles, onChecked }: { roles: RoleSummary[]; onChecked: () => void }) {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState('');
  const kinds = useMemo(() => [...new Set(roles.flatMap((r) => r.rounds.map((x) => x.kind)))].sort(), [roles]);
  // Roles modelled on a publicly described company loop lead; the rest are alphabetical.
  const sorted = useMemo(
    () => [...roles].sort((a, b) => Number(!!b.company) - Number(!!a.company) || a.title.localeCompare(b.title)),
    [roles],
  );
  const shown = sorted.filter((role) => {
    const haystack = `${role.title} ${role.company ?? ''} ${role.level} ${role.topics.join(' ')}`.toLowerCase();
    return (
      (!query || haystack.includes(query.trim().toLowerCase())) && (!kind || role.rounds.some((r) => r.kind === kind))
    );
  });
  return (
    <>
      <div className="row" role="search">
        <div className="field grow-field">
          <label htmlFor="role-search">Search roles</label>
          <input
            id="role-search"
            type="search"
            placeholder="Company, title or topic"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <RoundKindSelect
          id="round-kind"
          label="Round type"
          allLabel="All round types"
          kinds={kinds}
          value={kind}
          onChange={setKind}
        />
      </div>
      <p className="muted small" role="status">
        {shown.length} of {roles.length} roles
      </p>
      <div className="grid">
        {shown.map((role) => (
          <article key={role.id} className="card role-card" aria-labelledby={`role-${role.id}`}>
            {role.company && <span className="company">{role.company}</span>}
            <h2 id={`role-${role.id}`}>{role.title}</h2>
            <span className="muted small">{role.level}</span>
            <p className="summary">{role.summary}</p>
            <div className="row">
              {role.rounds.map((r) => (
                <span key={r.id} className="chip">
                  {roundKindLabel(r.kind)}
                </span>
              ))}
              {role.source === 'user' && <span className="chip accent">Your pack</span>}
            </div>
            <ReferenceCheck role={role} onStarted={onChecked} />
            <div className="row actions">
              <a
                className="button primary"
                href={href({ name: 'role', roleId: role.id })}
                aria-label={`Open ${role.company ? `${role.company} ` : ''}${role.title}`}
              >
                Open
              </a>
            </div>
          </article>
        ))}
      </div>
    </>
  );
}

function InvalidPacks({ problems }: { problems: PackProblem[] }) {
  return (
    <section className="notice warn" aria-labelledby="invalid-packs">
      <h2 id="invalid-packs">Some role packs could not be loaded</h2>
      <p className="small">The other roles work normally. Fix the file and import it again.</p>
      {problems.map((p) => (
        <details key={`${p.source}:${p.file}`} open>
          <summary>
            <strong>{p.file}</strong> ({p.source === 'user' ? 'your pack' : 'bundled'}) — {p.errors.length} problem
            {p.errors.length === 1 ? '' : 's'}
          </summary>
          <ul className="small">
            {p.errors.slice(0, 20).map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}

function ImportResult({ message, onDismiss }: { message: ImportMessage; onDismiss: () => void }) {
  return (
    <div className={`notice ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      <div className="row">
        <p className="flush grow">{message.text}</p>
        <button type="button" className="button small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {message.errors && (
        <ul className="small">
          {message.errors.slice(0, 20).map((e) => (
            <li key={e}>
              <code>{e}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportPackButton({
  onImported,
  onMessage: setMessage,
}: {
  onImported: () => void;
  onMessage: (m: ImportMessage | null) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  async function importFile(file: File) {
    setMessage(null);
    // Checked here too: a larger file would not be accepted, and would cost a long upload first.
    if (file.size > MAX_PACK_BYTES) {
      const mb = (file.size / (1024 * 1024)).toFixed(1);
      setMessage({
        kind: 'error',
        text: `${file.name} is ${mb} MB; a role pack may be at most 2 MB. Split it into smaller packs (one role per file).`,
      });
      return;
    }
    try {
      const result = await api.content.importPack({ fileName: file.name, text: await file.text() });
      if (result.role) {
        const checking = result.role.references.state === 'checking';
        setMessage({
          kind: 'good',
          text: `Added "${result.role.title}" to your roles.${checking ? ' Its reference solutions are being checked in the sandbox; the result shows on its card.' : ''}`,
        });
        onImported();
      } else {
        setMessage({
          kind: 'error',
          text: `${file.name} was not imported. Fix these problems and try again:`,
          errors: result.problem?.errors ?? [],
        });
      }
    } catch (error) {
      setMessage({ kind: 'error', text: `${file.name} was not imported: ${errorMessage(error)}` });
    }
  }
  return (
    <div>
      <button type="button" className="button" onClick={() => inputRef.current?.click()}>
        Import role pack…
      </button>
      <input
        ref={inputRef}
        data-testid="import-pack-input"
        hidden
        type="file"
        accept=".yaml,.yml"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}
