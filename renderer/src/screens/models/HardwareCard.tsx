import { formatBytes } from '../../../../main/contract/format.js';
import type { Hardware } from '../../../../main/contract/services/models.js';
import { errorMessage } from '../../api/client.js';
import type { QueryState } from '../../components/Loading.js';

/** CPU, memory and GPU as node-llama-cpp sees them; the first check takes a second or so. */
export function HardwareCard({ state }: { state: QueryState<{ hardware: Hardware }> }) {
  return (
    <section className="card stack" aria-labelledby="hardware-heading">
      <h2 id="hardware-heading">This computer</h2>
      {state.status === 'pending' && (
        <p className="muted" role="status">
          Checking this computer’s processor, memory and graphics card…
        </p>
      )}
      {state.status === 'error' && (
        <div className="notice error" role="alert">
          Could not check this computer’s hardware. {errorMessage(state.error)}
        </div>
      )}
      {state.status === 'success' && state.data && <HardwareDetails hw={state.data.hardware} />}
    </section>
  );
}

function HardwareDetails({ hw }: { hw: Hardware }) {
  return (
    <>
      <dl className="kv" data-testid="hardware">
        <dt>Processor</dt>
        <dd>
          {hw.cpuName} ({hw.cpuThreads} threads)
        </dd>
        <dt>Speed check</dt>
        <dd data-testid="speed-check">
          {hw.memoryReadGBps === null
            ? 'Not measured'
            : `Reads memory at ${hw.memoryReadGBps} GB/s a thread: the recommendation uses it with the thread count.`}
        </dd>
        <dt>Memory</dt>
        <dd>{formatBytes(hw.totalRamBytes)}</dd>
        <dt>Models run on</dt>
        <dd>
          {hw.gpu ? (
            <>
              the GPU: {hw.gpuNames.join(', ') || hw.gpu.toUpperCase()} ({hw.gpu.toUpperCase()},{' '}
              {formatBytes(hw.vramBytes)} of video memory)
            </>
          ) : (
            'the CPU (no supported graphics card found)'
          )}
        </dd>
      </dl>
      {hw.note && <p className="muted small">{hw.note}</p>}
    </>
  );
}
