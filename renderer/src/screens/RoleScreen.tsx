import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RoleSummary } from '../../../main/contract/services/content.js';
import { api, errorMessage } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Async } from '../components/Loading.js';
import { apiKey } from '../data/query-client.js';
import { downloadText } from '../download.js';
import { formatMinutes, roundKindLabel } from '../labels.js';
import { href } from '../router.js';
import { QuestionPicker } from './role/QuestionPicker.js';
import { StartRound } from './StartRound.js';

export function RoleScreen({ roleId }: { roleId: string }) {
  const role = useQuery({
    queryKey: apiKey('content', 'role', { id: roleId }),
    queryFn: () => api.content.role({ id: roleId }),
  });
  return (
    <Async state={role} label="this role">
      {(value) => <RoleDetails role={value} />}
    </Async>
  );
}

function RoleDetails({ role }: { role: RoleSummary }) {
  const [selected, setSelected] = useState(role.rounds[0]?.id ?? '');
  const round = role.rounds.find((r) => r.id === selected);
  return (
    <div className="stack">
      <a href={href({ name: 'library' })} className="small">
        ← All roles
      </a>
      <header>
        {role.company && <div className="muted small eyebrow">{role.company}</div>}
        <h1>{role.title}</h1>
        <p className="muted">{role.level}</p>
        <p>{role.summary}</p>
        <DuplicatePack role={role} />
      </header>

      <section className="card" aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">Pick a round</h2>
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">Round</legend>
          <ul className="round-list">
            {role.rounds.map((r) => (
              <li key={r.id} className="round-item">
                <input
                  type="radio"
                  name="round"
                  id={`round-${r.id}`}
                  value={r.id}
                  checked={selected === r.id}
                  onChange={() => setSelected(r.id)}
                />
                <label htmlFor={`round-${r.id}`} className="grow">
                  <strong>{r.title}</strong> <span className="chip">{roundKindLabel(r.kind)}</span>
                  <div className="meta">
                    {formatMinutes(r.minutes)} · {r.questionsPerSession} question
                    {r.questionsPerSession === 1 ? '' : 's'} per session · {r.questionCount} in the bank
                  </div>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {round && <StartRound role={role} round={round} />}
      </section>

      {round && <QuestionPicker role={role} round={round} />}

      <div className="grid">
        <section className="card" aria-labelledby="process-heading">
          <h2 id="process-heading">The interview process</h2>
          <ol className="stages">
            {role.process.map((stage) => (
              <li key={stage.name}>
                <strong>{stage.name}</strong>
                <div className="muted small">{stage.description}</div>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="topics-heading">
          <h2 id="topics-heading">Topics to prepare</h2>
          <div className="row">
            {role.topics.map((t) => (
              <span key={t} className="chip accent">
                {t}
              </span>
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}

/** Saves a bundled pack as YAML with fresh ids: a starting point for the user's own role. */
function DuplicatePack({ role }: { role: RoleSummary }) {
  const [error, setError] = useState<string | null>(null);
  if (role.source !== 'bundled') return null;
  async function duplicate() {
    setError(null);
    try {
      const { fileName, text } = await api.content.duplicatePack({ roleId: role.id });
      downloadText(fileName, text, 'application/yaml');
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <div className="row">
      <button type="button" className="button small" onClick={() => void duplicate()}>
        Duplicate as my own…
      </button>
      <span className="muted small">Saves this pack as a YAML file you can edit and import.</span>
      <ErrorNotice message={error} />
    </div>
  );
}
