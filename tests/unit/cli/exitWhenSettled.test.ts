import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { type ExitingProcess, exitWhenSettled } from '../../../src/cli/exitWhenSettled';

/** A stand-in for `process`: Node emits `beforeExit` when nothing is left to wait for. */
function fakeProcess() {
  const stderr = new PassThrough();
  const written: string[] = [];
  stderr.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
  const proc: ExitingProcess & EventEmitter = Object.assign(new EventEmitter(), {
    stderr,
    exitCode: undefined as ExitingProcess['exitCode'],
  });
  return { proc, stderr: () => written.join('') };
}

describe('exitWhenSettled', () => {
  it("exits with the command's code once it settles, saying nothing more", async () => {
    const { proc, stderr } = fakeProcess();
    exitWhenSettled(Promise.resolve(1), proc);
    await new Promise((resolve) => setImmediate(resolve));
    proc.emit('beforeExit');
    expect(proc.exitCode).toBe(1);
    expect(stderr()).toBe('');
  });

  it('exits 2, and says the output is incomplete, when Node runs out of work before the command settles', async () => {
    const { proc, stderr } = fakeProcess();
    exitWhenSettled(new Promise<number>(() => {}), proc);
    proc.emit('beforeExit');
    await new Promise((resolve) => setImmediate(resolve));
    expect(proc.exitCode).toBe(2);
    expect(stderr()).toMatch(/^activity-log-contract: stopped before finishing .*incomplete\n$/);
  });
});
