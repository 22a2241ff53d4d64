import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './command';

/** Writes a report file (e.g. `--junit`), creating its folder; an unwritable path is a usage error. */
export async function writeReportFile(cwd: string, file: string, content: string): Promise<void> {
  const target = path.resolve(cwd, file);
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
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
