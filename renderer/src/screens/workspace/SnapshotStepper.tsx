import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SnapshotView, WorkspaceFile } from '../../../../main/contract/services/workspace.js';
import { api } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { StepButtons, stepKeys } from '../../components/StepButtons.js';
import { apiKey } from '../../data/query-client.js';

const REASON: Record<SnapshotView['reason'], string> = {
  run: 'ran the tests',
  own: 'ran own tests',
  submit: 'submitted the part',
  turn: 'spoke to the interviewer',
  move_on: 'moved on',
  finish: 'finished the problem',
};

/** Review: how the solution evolved, one snapshot at a time (← and → step through them). */
export function SnapshotStepper({ sessionId }: { sessionId: string }) {
  const snapshots = useQuery({
    queryKey: apiKey('workspace', 'snapshots', { sessionId }),
    queryFn: () => api.workspace.snapshots({ sessionId }),
  });
  return (
    <Async state={snapshots} label="the code snapshots">
      {(list) => (list.length === 0 ? null : <Stepper snapshots={list} />)}
    </Async>
  );
}

function Stepper({ snapshots }: { snapshots: SnapshotView[] }) {
  const [index, setIndex] = useState(snapshots.length - 1);
  const [file, setFile] = useState<WorkspaceFile>('solution');
  const snap = snapshots[index]!;
  const start = snapshots[0]!.at;
  const step = (delta: number) => setIndex((i) => Math.min(snapshots.length - 1, Math.max(0, i + delta)));
  return (
    <section className="card stack snapshot-stepper" aria-labelledby="code-heading" onKeyDown={stepKeys(step)}>
      <h2 id="code-heading">Code, step by step</h2>
      <div className="row">
        <StepButtons index={index} count={snapshots.length} noun="Snapshot" testId="snapshot-position" onMove={step} />
        <span className="spacer" />
        <label className="row small">
          File
          <select className="small-select" value={file} onChange={(e) => setFile(e.target.value as WorkspaceFile)}>
            <option value="solution">Solution</option>
            <option value="tests">My tests</option>
          </select>
        </label>
      </div>
      <input
        type="range"
        min={0}
        max={snapshots.length - 1}
        value={index}
        onChange={(e) => setIndex(Number(e.target.value))}
        aria-label="Snapshot"
        aria-valuetext={`Snapshot ${index + 1} of ${snapshots.length}`}
      />
      <p className="muted small" data-testid="snapshot-caption">
        Part {snap.part + 1} · {Math.round((snap.at - start) / 1000)} s in · {REASON[snap.reason]} · {snap.language}
        {snap.total !== null ? ` · ${snap.passed}/${snap.total} tests passed` : ''}
        {snap.status && snap.status !== 'ok' ? ` · ${snap.status.replace('_', ' ')}` : ''}
      </p>
      <pre
        tabIndex={0}
        aria-label={`${file === 'solution' ? 'Solution' : 'Your tests'} at snapshot ${index + 1}`}
        data-testid="snapshot-code"
      >
        {snap.files[file]}
      </pre>
    </section>
  );
}
