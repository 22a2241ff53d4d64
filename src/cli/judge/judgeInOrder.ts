import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportEntry } from '../../report';
import { SpecError } from '../../spec/SpecError';
import type { InputItem } from '../../validation';
import { getValidator } from '../../validation/getValidator';
import type { BlockPool } from '../../validation/readRecordings';
import { expandJudged, type Judged, judgeItem } from './judgeRecording';

export interface JudgeOptions {
  readonly specFile: string;
  readonly strict: boolean;
  /** Worker threads to spread parsing and validation over; 1 keeps everything on this thread. */
  readonly jobs: number;
  /** Where an input starts to go to workers (default: `PARALLEL_FROM`); tests make it small. */
  readonly parallelFrom?: { readonly items: number; readonly bytes: number };
  /** Where the blocks of NDJSON lines came from (`readRecordings`' `blocks`): each goes back once judged. */
  readonly blocks?: BlockPool;
}

/** Items a batch holds at most, and bytes of NDJSON lines (a block of lines is about 1 MB). */
const BATCH_ITEMS = 256;
const BATCH_BYTES = 1 << 20;
/**
 * Below this many items, or bytes of NDJSON lines, an input stays on this thread: starting the workers
 * (each loads and compiles the spec) would cost more than it saves.
 */
export const PARALLEL_FROM = { items: 2_000, bytes: 8 << 20 } as const;

/**
 * The report entries of every item, in the order of the items, a batch at a time (a block of NDJSON lines is
 * one batch: no promise per response), whatever `jobs` is: with `jobs > 1` and an
 * input beyond `PARALLEL_FROM`, batches go to worker threads (each with its own validator; NDJSON bytes are
 * moved, not copied) and come back in order. Memory stays bounded: at most two batches a worker are in flight.
 */
export async function* judgeInOrder(
  items: AsyncIterable<InputItem>,
  options: JudgeOptions,
): AsyncGenerator<ReportEntry[]> {
  const judges = new Judges(options);
  try {
    for await (const batch of judges.judge(items)) yield batch.flatMap(expandJudged);
  } finally {
    await judges.close();
  }
}

/**
 * What `judgeInOrder` does, in two steps: an input known to be large (`knownBytes`, the sizes of the files
 * named) starts its workers when this is made, so that they load the spec while this thread does too.
 */
export class Judges {
  private pool: WorkerPool | undefined;

  constructor(private readonly options: JudgeOptions & { readonly knownBytes?: number }) {
    const from = options.parallelFrom ?? PARALLEL_FROM;
    if (options.jobs > 1 && (options.knownBytes ?? 0) >= from.bytes) this.pool = new WorkerPool(options);
  }

  /**
   * `judgeInOrder`'s batches as workers send them: a passing line may be its line number alone (see
   * `CompactLines`; `expandJudged` makes its entry), so that whoever reports need not make one per line.
   */
  async *judge(items: AsyncIterable<InputItem>): AsyncGenerator<Judged[]> {
    const { options } = this;
    if (options.jobs <= 1) {
      const validator = getValidator(options.specFile);
      for await (const item of items) yield [this.judgeHere(validator, item)];
      return;
    }
    const inFlight: Promise<Judged[]>[] = [];
    let batch: InputItem[] = [];
    let bytes = 0;
    let seen = { items: 0, bytes: 0 };
    for await (const item of items) {
      const size = item.kind === 'lines' ? item.bytes.byteLength : 0;
      batch.push(item);
      bytes += size;
      seen = { items: seen.items + 1, bytes: seen.bytes + size };
      if (!this.pool) {
        const from = options.parallelFrom ?? PARALLEL_FROM;
        if (seen.items < from.items && seen.bytes < from.bytes) continue;
        this.pool = new WorkerPool(options);
      }
      if (batch.length >= BATCH_ITEMS || bytes >= BATCH_BYTES) {
        inFlight.push(handled(this.pool.judge(batch)));
        batch = [];
        bytes = 0;
        while (inFlight.length >= 2 * options.jobs) yield (await inFlight.shift()) ?? [];
      }
    }
    if (this.pool) {
      if (batch.length > 0) inFlight.push(handled(this.pool.judge(batch)));
      while (inFlight.length > 0) yield (await inFlight.shift()) ?? [];
    } else {
      // A small input: it never left this thread.
      const validator = getValidator(options.specFile);
      for (const item of batch) yield [this.judgeHere(validator, item)];
    }
  }

  /** Judges an item on this thread; a block of lines is given back once its lines are decoded. */
  private judgeHere(validator: ReturnType<typeof getValidator>, item: InputItem): ReportEntry[] {
    const entries = judgeItem(validator, item, this.options.strict);
    if (item.kind === 'lines') this.options.blocks?.give(item.bytes);
    return entries;
  }

  /** Whether workers judge the input, started when this was made: this thread needs no validator then. */
  get inWorkers(): boolean {
    return this.pool !== undefined;
  }

  /** Resolves once the workers started when this was made have loaded the spec; rejects with why not. */
  async ready(): Promise<void> {
    await this.pool?.ready();
  }

  /** Stops the workers, if any started. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}

/**
 * Worker threads that each judge the batches sent to them, in turn. A batch goes to the worker with the fewest
 * batches waiting; the memory of its blocks of lines comes back with its entries.
 */
class WorkerPool {
  private readonly workers: { readonly thread: Worker; pending: number }[];
  private readonly waiting = new Map<number, { resolve(judged: Judged[]): void; reject(e: Error): void }>();
  private next = 0;
  private failure: Error | undefined;
  private started = 0;
  private readonly whenStarted: Promise<void>;
  private onStart: () => void = () => {};

  constructor(private readonly options: JudgeOptions) {
    this.whenStarted = handled(
      new Promise<void>((resolve, reject) => {
        this.onStart = () => {
          if (this.failure) reject(this.failure);
          else if (this.started === options.jobs) resolve();
        };
      }),
    );
    const data = { specFile: options.specFile, strict: options.strict };
    this.workers = Array.from({ length: options.jobs }, () => {
      const worker = { thread: startWorker(data), pending: 0 };
      worker.thread.on('message', (message: WorkerAnswer | WorkerStarted) => {
        if (!('id' in message)) {
          if (message.failure) this.failAll(errorOf(message.failure));
          else this.started++;
          this.onStart();
          return;
        }
        const { id, judged, returned, failure } = message;
        worker.pending--;
        for (const buffer of returned) this.options.blocks?.give(new Uint8Array(buffer));
        if (failure) this.failAll(errorOf(failure));
        this.waiting.get(id)?.resolve(judged);
        this.waiting.delete(id);
      });
      worker.thread.on('error', (error) => this.failAll(error));
      worker.thread.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`a validation worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  /** Resolves once every worker has loaded the spec; rejects with why one could not. */
  ready(): Promise<void> {
    return this.whenStarted;
  }

  judge(items: InputItem[]): Promise<Judged[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const moved = items.flatMap((item) =>
        item.kind === 'lines' ? [item.bytes.buffer as ArrayBuffer] : [],
      );
      const worker = this.workers.reduce((a, b) => (b.pending < a.pending ? b : a));
      worker.pending++;
      worker.thread.postMessage({ id, items }, moved);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  /** Fails every batch waiting, and every batch sent from now on, with the first error met. */
  private failAll(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
    this.onStart();
  }
}

/**
 * The promise, marked as handled: a batch in flight may fail before its turn to be awaited comes (a worker
 * that could not load the spec), and that must not end the process as an unhandled rejection.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** The error a worker's failure stands for: a `SpecError` is reported as a broken spec. */
function errorOf(failure: WorkerFailure): Error {
  return failure.spec ? new SpecError(failure.detail, failure.spec) : new Error(failure.detail);
}

/** What a worker sends back for a batch: its entries, and the memory of its blocks of lines. */
export interface WorkerAnswer {
  readonly id: number;
  readonly judged: Judged[];
  readonly returned: ArrayBuffer[];
  /** Why the worker could not judge at all (its spec does not compile): the same for every batch. */
  readonly failure?: WorkerFailure;
}

/** What a worker says once, when it has loaded the spec or could not. */
export type WorkerStarted =
  | { readonly ready: true; readonly failure?: undefined }
  | { readonly failure: WorkerFailure };

/** An error a worker met loading the spec, as it crosses threads: a `SpecError` when `spec` is there. */
export interface WorkerFailure {
  readonly detail: string;
  readonly spec?: {
    readonly file: string;
    readonly line: number | undefined;
    readonly pointer?: string | undefined;
  };
}

/** The compiled worker next to this file; under ts-node or Jest, the TypeScript source, transpiled. */
function startWorker(workerData: unknown): Worker {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, `judgeWorker${extension}`);
  // A worker's garbage is a block's parsed lines, short-lived: a young generation of 4 MB (V8's default is
  // several times that, per worker) collects it as well and kept the peak RSS of `--jobs 2` about 60 MB lower.
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  if (extension !== '.ts') return new Worker(file, { workerData, resourceLimits });
  const code = `require(${JSON.stringify(require.resolve('ts-node/register/transpile-only'))}); require(${JSON.stringify(file)});`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}
