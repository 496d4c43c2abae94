/** A worker thread of `xeploai consolidate`: reads and checks the files it is given, one message each. */
import { parentPort } from 'node:worker_threads';
import { readForConsolidation } from './cli-read';

parentPort!.on('message', (m: { i: number; file: string }) => {
  parentPort!.postMessage({ i: m.i, res: readForConsolidation(m.file) });
});
