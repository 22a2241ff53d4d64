import { parentPort, workerData } from 'node:worker_threads';
import type { InputItem } from '../../validation';
import { getValidator } from '../../validation/getValidator';
import { judgeForTransfer } from './judgeRecording';

/** A worker thread of `judgeInOrder`: judges each batch it is sent with its own validator, in order. */
const { specFile, strict } = workerData as { specFile: string; strict: boolean };
// The thread that started this one checked the document against its meta-schema already.
const validator = getValidator(specFile, { checkedBefore: true });
parentPort?.on('message', ({ id, items }: { id: number; items: InputItem[] }) => {
  parentPort?.postMessage({ id, judged: items.map((item) => judgeForTransfer(validator, item, strict)) });
});
