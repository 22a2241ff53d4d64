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

// Runs in the worker: loads the parser once, then answers one message per call. Each call runs under `vm`'s
// watchdog, as in the main thread, so an endless synchronous loop is stopped there and the worker lives on;
// only a worker whose event loop is blocked (a loop after an `await`) must be terminated from outside.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
let parse;
let loadError;
try {
  const loaded = require(workerData.module);
  parse = workerData.exportName ? loaded[workerData.exportName] : typeof loaded === 'function' ? loaded : loaded.default;
  if (typeof parse !== 'function') throw new TypeError(workerData.module + ' exports no function ' + (workerData.exportName || 'default'));
} catch (error) {
  loadError = error instanceof Error ? error.message : String(error);
}
const context = vm.createContext({ call: undefined });
const script = new vm.Script('call()');
const send = (message) => {
  try { parentPort.postMessage(message); }
  catch (error) { parentPort.postMessage({ ...message, value: '[a value that cannot be copied: ' + error.message + ']' }); }
};
const sendThrown = (thrown, ms) => {
  if (thrown instanceof Error) send({ kind: 'threw', name: thrown.name, message: thrown.message, ms });
  else send({ kind: 'threw-non-error', thrown: typeof thrown === 'function' ? String(thrown) : thrown, ms });
};
parentPort.on('message', async ({ type, input, timeLimit }) => {
  if (loadError !== undefined) return send({ kind: 'load-error', message: loadError });
  if (type === 'probe') return send({ kind: 'ready', ms: 0 });
  let result = { kind: 'timeout' };
  context.call = () => {
    const started = performance.now();
    try { result = { kind: 'returned', value: parse(input), ms: performance.now() - started }; }
    catch (thrown) { result = { kind: 'threw', thrown, ms: performance.now() - started }; }
  };
  try { script.runInContext(context, { timeout: Math.min(0xffffffff, Math.max(1, Math.ceil(timeLimit))) }); }
  catch {}
  context.call = undefined;
  if (result.kind === 'timeout') return send({ kind: 'timeout', ms: timeLimit });
  if (result.kind === 'threw') return sendThrown(result.thrown, result.ms);
  const started = performance.now() - result.ms;
  let value = result.value;
  if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function') {
    let timer;
    const timedOut = Symbol('timeout');
    try {
      value = await Promise.race([value, new Promise((resolve) => { timer = setTimeout(() => resolve(timedOut), Math.max(0, timeLimit - result.ms)); })]);
    } catch (thrown) {
      return sendThrown(thrown, performance.now() - started);
    } finally {
      clearTimeout(timer);
    }
    if (value === timedOut) return send({ kind: 'timeout', ms: timeLimit });
  }
  send({ kind: 'returned', value, ms: performance.now() - started });
});
`;

interface WorkerAnswer {
  kind: 'returned' | 'threw' | 'threw-non-error' | 'timeout' | 'load-error' | 'ready';
  value?: unknown;
  thrown?: unknown;
  name?: string;
  message?: string;
  ms: number;
}

/**
 * A parser running in a worker thread, so that a call that never returns can be stopped, whatever it loops
 * in: in the worker at the time limit, or, when the worker cannot answer at all, by terminating it (a fresh
 * one takes the next call).
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
    // The worker stops a call at `timeLimit` itself; this longer wait is for a worker that cannot answer.
    const answer = await this.ask({ type: 'call', input, timeLimit }, 2 * timeLimit + 100);
    if (answer === 'timeout' || answer instanceof Error) {
      if (answer === 'timeout') return { kind: 'timeout', ms: performance.now() - started };
      return { kind: 'threw', error: answer, ms: performance.now() - started };
    }
    if (answer.kind === 'load-error') throw new Error(`cannot load the parser: ${answer.message}`);
    if (answer.kind === 'timeout' || answer.ms > timeLimit) return { kind: 'timeout', ms: timeLimit };
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
