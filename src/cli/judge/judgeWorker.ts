import { parentPort, workerData } from 'node:worker_threads';
import type { InputItem } from '../../validation';
import { getValidator } from '../../validation/getValidator';
import type { WorkerAnswer } from './judgeInOrder';
import { judgeForTransfer } from './judgeRecording';

/** A worker thread of `judgeInOrder`: judges each batch it is sent with its own validator, in order. */
const { specFile, strict } = workerData as { specFile: string; strict: boolean };
// The thread that started this one checked the document against its meta-schema already.
const validator = getValidator(specFile, { checkedBefore: true });
parentPort?.on('message', ({ id, items }: { id: number; items: InputItem[] }) => {
  const judged = items.map((item) => judgeForTransfer(validator, item, strict));
  // The lines are decoded: their memory goes back, to be read into again.
  const returned = items.flatMap((item) => (item.kind === 'lines' ? [item.bytes.buffer as ArrayBuffer] : []));
  const answer: WorkerAnswer = { id, judged, returned };
  parentPort?.postMessage(answer, returned);
});
