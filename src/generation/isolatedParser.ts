import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** A parser to run in a worker thread: a CommonJS (or compiled) module and the name of its export. */
export interface ParserModule {
  /** Path of the module (resolved against the working directory), e.g. `dist/parse.js`. */
  readonly module: string;
  /** The exported function; default: `default`, or the module itself when it is a function. */
  readonly export?: string;
}

/** What a call in the worker came to, before the caller's `isRejection` sorts returned values. */
export type IsolatedResult =
  | { readonly kind: 'returned'; readonly value: unknown; readonly ms: number }
  | { readonly kind: 'threw'; readonly error: Error; readonly ms: number }
  | { readonly kind: 'threw-non-error'; readonly thrown: unknown; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number };

// Runs in the worker: loads the parser once, then answers one message per call.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let parse;
let loadError;
try {
  const loaded = require(workerData.module);
  parse = workerData.exportName ? loaded[workerData.exportName] : typeof loaded === 'function' ? loaded : loaded.default;
  if (typeof parse !== 'function') throw new TypeError(workerData.module + ' exports no function ' + (workerData.exportName || 'default'));
} catch (error) {
  loadError = error instanceof Error ? error.message : String(error);
}
const send = (message) => {
  try { parentPort.postMessage(message); }
  catch (error) { parentPort.postMessage({ ...message, value: '[a value that cannot be copied: ' + error.message + ']' }); }
};
parentPort.on('message', async ({ type, input }) => {
  if (loadError !== undefined) return send({ kind: 'load-error', message: loadError });
  if (type === 'probe') return send({ kind: 'ready', ms: 0 });
  const started = performance.now();
  try {
    const value = await parse(input);
    send({ kind: 'returned', value, ms: performance.now() - started });
  } catch (thrown) {
    const ms = performance.now() - started;
    if (thrown instanceof Error) send({ kind: 'threw', name: thrown.name, message: thrown.message, ms });
    else send({ kind: 'threw-non-error', thrown: typeof thrown === 'function' ? String(thrown) : thrown, ms });
  }
});
`;

interface WorkerAnswer {
  kind: 'returned' | 'threw' | 'threw-non-error' | 'load-error' | 'ready';
  value?: unknown;
  thrown?: unknown;
  name?: string;
  message?: string;
  ms: number;
}

/**
 * A parser running in a worker thread, so that a call that never returns, synchronous infinite loops
 * included, can be stopped: the worker is terminated and a fresh one takes the next call.
 */
export class IsolatedParser {
  private worker: Worker | undefined;
  private readonly module: string;
  private readonly exportName: string | undefined;

  constructor(parser: ParserModule, cwd = process.cwd()) {
    this.module = path.resolve(cwd, parser.module);
    this.exportName = parser.export;
  }

  /** Loads the parser in its worker; throws when the module or its export cannot be loaded. */
  async ready(): Promise<void> {
    const answer = await this.ask({ type: 'probe' }, 30_000);
    if (answer === 'timeout')
      throw new Error(`cannot load the parser: ${this.module} did not load within 30 s`);
    if (answer instanceof Error)
      throw new Error(`cannot load the parser: ${answer.message}`, { cause: answer });
    if (answer.kind === 'load-error') throw new Error(`cannot load the parser: ${answer.message}`);
  }

  async call(input: unknown, timeLimit: number): Promise<IsolatedResult> {
    // A fresh worker loads the parser first: its start-up does not count against the call's time limit.
    if (!this.worker) await this.ready();
    const started = performance.now();
    const answer = await this.ask({ type: 'call', input }, timeLimit);
    if (answer === 'timeout' || answer instanceof Error) {
      if (answer === 'timeout') return { kind: 'timeout', ms: performance.now() - started };
      return { kind: 'threw', error: answer, ms: performance.now() - started };
    }
    if (answer.kind === 'load-error') throw new Error(`cannot load the parser: ${answer.message}`);
    if (answer.ms > timeLimit) return { kind: 'timeout', ms: answer.ms };
    if (answer.kind === 'threw') {
      const error = new Error(answer.message);
      error.name = answer.name ?? 'Error';
      return { kind: 'threw', error, ms: answer.ms };
    }
    if (answer.kind === 'threw-non-error')
      return { kind: 'threw-non-error', thrown: answer.thrown, ms: answer.ms };
    return { kind: 'returned', value: answer.value, ms: answer.ms };
  }

  private async ask(message: object, timeLimit: number): Promise<WorkerAnswer | 'timeout' | Error> {
    const worker = this.start();
    const answer = await new Promise<WorkerAnswer | 'timeout' | Error>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeLimit);
      const done = (value: WorkerAnswer | Error) => {
        clearTimeout(timer);
        worker.off('message', done);
        worker.off('error', done);
        resolve(value);
      };
      worker.on('message', done);
      worker.on('error', done);
      worker.postMessage(message);
    });
    if (answer === 'timeout' || answer instanceof Error) {
      // A stuck or crashed worker is replaced; the next call loads the parser afresh.
      this.worker = undefined;
      await worker.terminate();
    }
    return answer;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.module, exportName: this.exportName },
      });
    }
    return this.worker;
  }
}
