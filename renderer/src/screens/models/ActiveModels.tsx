import type { InstalledModel, ModelsStatus } from '../../../../main/contract/services/models.js';
import { href } from '../../router.js';
import { LlmStatusLine } from './LlmStatusLine.js';

interface Props {
  status: ModelsStatus;
  busy: boolean;
  onChoose: (kind: 'llm' | 'whisper', path: string | null) => void;
}

/** Which installed model the interviewer and the speech recognizer use. */
export function ActiveModels({ status, busy, onChoose }: Props) {
  const usable = status.installed.filter((m) => m.problem === null);
  const llms = usable.filter((m) => m.kind === 'llm');
  const whispers = usable.filter((m) => m.kind === 'whisper');
  const vad = usable.find((m) => m.kind === 'vad');
  return (
    <section className="card stack" aria-labelledby="active-heading">
      <h2 id="active-heading">In use</h2>
      <div className="models-active">
        <ActiveSelect
          id="active-llm"
          label="Interviewer model"
          none="None: the scripted interviewer asks the questions"
          models={llms}
          active={status.activeLlm}
          busy={busy}
          onChange={(path) => onChoose('llm', path)}
        />
        <ActiveSelect
          id="active-whisper"
          label="Speech recognition model"
          none="None: type your answers"
          models={whispers}
          active={status.activeWhisper}
          busy={busy}
          onChange={(path) => onChoose('whisper', path)}
        />
      </div>
      {status.activeLlm && <LlmStatusLine />}
      <p className="muted small" data-testid="vad-status">
        Voice detection:{' '}
        {vad
          ? `${vad.name} is installed.`
          : 'not installed yet. Spoken answers need it; download Silero VAD below (2 MB).'}{' '}
        The app works without any model: <a href={href({ name: 'library' })}>practise with the scripted interviewer</a>.
      </p>
    </section>
  );
}

interface SelectProps {
  id: string;
  label: string;
  none: string;
  models: InstalledModel[];
  active: string | null;
  busy: boolean;
  onChange: (path: string | null) => void;
}

function ActiveSelect({ id, label, none, models, active, busy, onChange }: SelectProps) {
  const missing = active !== null && !models.some((m) => m.path === active);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={missing ? '' : (active ?? '')}
        disabled={busy}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{none}</option>
        {models.map((m) => (
          <option key={m.id} value={m.path}>
            {m.name}
          </option>
        ))}
      </select>
      {missing && (
        <p className="notice warn small" role="alert">
          The chosen file is gone ({active}). Choose another model, or import the file again.
        </p>
      )}
    </div>
  );
}
