import { parentPort, workerData } from 'node:worker_threads';
import { SpecError } from '../../spec/SpecError';
import type { InputItem, SpecValidator } from '../../validation';
import { getValidator } from '../../validation/getValidator';
import type { WorkerAnswer, WorkerFailure } from './judgeInOrder';
import { judgeForTransfer } from './judgeRecording';

/**
 * A worker thread of `judgeInOrder`: judges each batch it is sent with its own validator, in order. A spec it
 * cannot compile is answered to every batch, as what failed: the thread that started it reports it.
 */
const { specFile, strict } = workerData as { specFile: string; strict: boolean };
let validator: SpecValidator | undefined;
let failure: WorkerFailure | undefined;
try {
  // The thread that started this one checked the document against its meta-schema already.
  validator = getValidator(specFile, { checkedBefore: true });
} catch (error) {
  failure =
    error instanceof SpecError
      ? { detail: error.detail, spec: { file: error.file, line: error.line, pointer: error.pointer } }
      : { detail: (error as Error).message ?? String(error) };
}
// Ready, or why not: the thread that started this one waits for it before it reads any input.
parentPort?.postMessage(failure ? { failure } : { ready: true });
parentPort?.on('message', ({ id, items }: { id: number; items: InputItem[] }) => {
  const judged = validator
    ? items.map((item) => judgeForTransfer(validator as SpecValidator, item, strict))
    : [];
  // The lines are decoded: their memory goes back, to be read into again.
  const returned = items.flatMap((item) => (item.kind === 'lines' ? [item.bytes.buffer as ArrayBuffer] : []));
  const answer: WorkerAnswer = failure ? { id, judged, returned, failure } : { id, judged, returned };
  parentPort?.postMessage(answer, returned);
});
