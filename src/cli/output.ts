import { createReadStream, createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { makeDirectory } from '../makeDirectory';
import {
  countEntries,
  junitHead,
  junitRemainderTestcase,
  junitSuiteHead,
  junitSuiteTail,
  junitTail,
  junitTestcase,
  type ReportEntry,
} from '../report';
import { UsageError } from './command';

/** Writes a report file (e.g. `--junit`), creating its folder; an unwritable path is a usage error. */
export async function writeReportFile(cwd: string, file: string, content: string): Promise<void> {
  const target = path.resolve(cwd, file);
  try {
    makeDirectory(path.dirname(target));
    await fs.writeFile(target, content, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Progress on stderr, only where a person watches it (a terminal); CI logs stay clean. */
export function progress(stderr: NodeJS.WritableStream & { isTTY?: boolean }, every: number) {
  let count = 0;
  const enabled = stderr.isTTY === true;
  return {
    tick(label: string): void {
      count++;
      if (enabled && count % every === 0) stderr.write(`\r${label} ${count.toLocaleString('en')}…`);
    },
    done(): void {
      if (enabled && count >= every) stderr.write('\r\x1b[K');
    },
  };
}

/**
 * A JUnit report written as entries come: test cases go to a scratch file, and `close` writes the
 * head (whose counts are only known at the end), the cases and the tail to the target.
 */
export class JunitFile {
  private counts = { tests: 0, failures: 0, errors: 0 };
  /** Why the scratch file of test cases could not be written (a full disk): every later call says so. */
  private failure: Error | undefined;

  private constructor(
    private readonly target: string,
    private readonly shown: string,
    private readonly scratchDir: string,
    private readonly cases: WriteStream,
    private readonly suite: string,
  ) {
    // Without a listener, a failed write (ENOSPC) would end the process with a stack trace.
    cases.on('error', (error) => {
      this.failure ??= error;
    });
  }

  static async open(cwd: string, file: string, suite: string): Promise<JunitFile> {
    const target = path.resolve(cwd, file);
    try {
      makeDirectory(path.dirname(target));
      await fs.access(path.dirname(target), fs.constants.W_OK);
    } catch (error) {
      throw new UsageError(
        `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alc-junit-'));
    return new JunitFile(
      target,
      file,
      scratchDir,
      createWriteStream(path.join(scratchDir, 'cases.xml')),
      suite,
    );
  }

  /** Adds the entry as a testcase; beyond `maxFindings` errors (and as many warnings), the rest are counted. */
  async add(entry: ReportEntry, maxFindings?: number): Promise<void> {
    const { failures, errors } = countEntries([entry]);
    await this.write(junitTestcase(this.suite, entry, maxFindings), failures, errors);
  }

  /** Adds one testcase for the entries not added one by one (see `junitRemainderTestcase`). */
  async addRemainder(remainder: Parameters<typeof junitRemainderTestcase>[1]): Promise<void> {
    await this.write(
      junitRemainderTestcase(this.suite, remainder),
      remainder.failure === undefined ? 0 : 1,
      0,
    );
  }

  private async write(testcase: string, failures: number, errors: number): Promise<void> {
    this.counts = {
      tests: this.counts.tests + 1,
      failures: this.counts.failures + failures,
      errors: this.counts.errors + errors,
    };
    this.throwIfFailed();
    if (!this.cases.write(testcase))
      await new Promise<void>((resolve) => {
        const done = () => {
          this.cases.off('drain', done).off('error', done);
          resolve();
        };
        this.cases.once('drain', done).once('error', done);
      });
    this.throwIfFailed();
  }

  async close(name: string): Promise<void> {
    try {
      this.throwIfFailed();
      await new Promise<void>((resolve, reject) =>
        this.cases.end((error?: Error | null) => (error ? reject(this.cannotWrite(error)) : resolve())),
      );
      const out = createWriteStream(this.target);
      out.write(junitHead(name, this.counts) + junitSuiteHead(this.suite, this.counts));
      await pipeline(createReadStream(path.join(this.scratchDir, 'cases.xml')), out, { end: false });
      await new Promise<void>((resolve, reject) =>
        out.end(junitSuiteTail() + junitTail(), () => resolve()).once('error', reject),
      );
    } catch (error) {
      throw error instanceof UsageError ? error : this.cannotWrite(error);
    } finally {
      await fs.rm(this.scratchDir, { recursive: true, force: true });
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.cannotWrite(this.failure);
  }

  private cannotWrite(error: unknown): UsageError {
    return new UsageError(
      `cannot write ${this.shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
