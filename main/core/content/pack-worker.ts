/**
 * Worker thread entry: checks the structure of role packs (read, parse, schema, semantics) off
 * the main thread, so a large or hostile pack never stalls the app's other calls. Runs no pack
 * code. Messages: { id, packs: PackInput[] } in, { id, results: PackStructure[] } out.
 */
import { parentPort } from 'node:worker_threads';
import { checkInputs, type PackInput, type PackStructure } from './library.js';

parentPort?.on('message', (message: { id: number; packs: PackInput[] }) => {
  let results: PackStructure[];
  try {
    results = checkInputs(message.packs);
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort?.postMessage({ id: message.id, results });
});
