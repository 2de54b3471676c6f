import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../../main/contract/format.js';
import type { AppInfo } from '../../../main/contract/services/app.js';
import type { Settings, SettingsPatch } from '../../../main/contract/services/settings.js';
import { api, errorMessage } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Async } from '../components/Loading.js';
import { apiKey } from '../data/query-client.js';
import { useSettings, useUpdateSettings } from '../data/settings.js';
import { href } from '../router.js';
import { DocsFolderSetting } from './settings/DocsFolderSetting.js';
import { PythonRuntimeSetting } from './settings/PythonRuntimeSetting.js';

export function SettingsScreen({ info }: { info: AppInfo }) {
  const settings = useSettings();
  const saveSettings = useUpdateSettings();
  const models = useQuery({ queryKey: apiKey('models', 'status'), queryFn: () => api.models.status() });
  const [error, setError] = useState<string | null>(null);

  async function update(patch: SettingsPatch) {
    setError(null);
    try {
      await saveSettings(patch);
    } catch (e) {
      setError(`Could not save the setting: ${errorMessage(e)}`);
    }
  }

  return (
    <div className="stack">
      <h1>Settings</h1>
      <ErrorNotice message={error} />
      <section className="card stack" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">Appearance</h2>
        <Async state={settings} label="settings">
          {(s) => (
            <div className="field narrow-field">
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
      <section className="card stack" aria-labelledby="coding-heading">
        <h2 id="coding-heading">Coding rounds</h2>
        <Async state={settings} label="settings">
          {(s) => (
            <>
              <div className="field narrow-field">
                <label htmlFor="coding-language">Language for new coding sessions</label>
                <select
                  id="coding-language"
                  value={s.codingLanguage}
                  onChange={(e) => void update({ codingLanguage: e.target.value as Settings['codingLanguage'] })}
                >
                  <option value="python">Python</option>
                  <option value="javascript">JavaScript</option>
                  <option value="typescript">TypeScript</option>
                </select>
                <span className="muted small">
                  Each session remembers the language you pick in its editor. Code runs on this computer in a sandboxed
                  process (Python through Pyodide, shipped with the app, unless you choose the system python3 below).
                </span>
              </div>
              <PythonRuntimeSetting settings={s} />
            </>
          )}
        </Async>
        <DocsFolderSetting />
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
          <h2 id="models-heading" className="flush">
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
                    {model.name} ({model.kind}, {formatBytes(model.sizeBytes)})
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
