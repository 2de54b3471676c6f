import { useState } from 'react';
import type { AppInfo } from '../../../main/contract/services/app.js';
import type { Settings } from '../../../main/contract/services/settings.js';
import { api, errorMessage } from '../api/client.js';
import { Async } from '../components/Loading.js';
import { href } from '../router.js';
import { applyTheme } from '../theme.js';
import { useAsync } from '../use-async.js';

export function SettingsScreen({ info }: { info: AppInfo }) {
  const [settings, reload] = useAsync(() => api.settings.get(), []);
  const [models] = useAsync(() => api.models.status(), []);
  const [error, setError] = useState<string | null>(null);

  async function update(patch: Partial<Settings>) {
    setError(null);
    try {
      const next = await api.settings.update(patch);
      applyTheme(next.theme);
      reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="stack">
      <h1>Settings</h1>
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
      <section className="card stack" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">Appearance</h2>
        <Async state={settings} label="settings">
          {(s) => (
            <div className="field" style={{ maxWidth: 280 }}>
              <label htmlFor="theme">Theme</label>
              <select
                id="theme"
                value={s.theme}
                onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}
              >
                <option value="system">Match the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </div>
          )}
        </Async>
      </section>
      <section className="card stack" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p className="muted small">Everything stays on this computer. Nothing is sent anywhere.</p>
        <dl className="kv">
          <dt>Data folder</dt>
          <dd>
            <code data-testid="data-dir">{info.dataDir}</code>
          </dd>
          <dt>Database</dt>
          <dd>
            <code>{info.database.path}</code>
          </dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="models-heading">
        <div className="row">
          <h2 id="models-heading" style={{ margin: 0 }}>
            Models
          </h2>
          <span className="spacer" />
          <a className="button small" href={href({ name: 'models' })}>
            Manage models
          </a>
        </div>
        <Async state={models} label="models">
          {(m) =>
            m.installed.length === 0 ? (
              <p data-testid="models-empty">
                No models installed yet. The app works without them: a scripted interviewer asks the questions, you type
                your answers, and feedback comes from each question's rubric. Download or import models on the{' '}
                <a href={href({ name: 'models' })}>Models</a> screen; they are kept in <code>{m.modelsDir}</code>.
              </p>
            ) : (
              <ul>
                {m.installed.map((model) => (
                  <li key={model.id}>
                    {model.name} ({model.kind}, {(model.sizeBytes / 1e6).toFixed(1)} MB)
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </section>
    </div>
  );
}
