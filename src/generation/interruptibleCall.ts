import vm from 'node:vm';

/** What a synchronous call came to: it returned, it threw, or it was stopped at its time limit. */
/** `ms` is the function's own time, without the watchdog's start (a thread: up to milliseconds on a busy machine). */
export type InterruptibleResult =
  | { readonly kind: 'returned'; readonly value: unknown; readonly ms: number }
  | { readonly kind: 'threw'; readonly thrown: unknown; readonly ms: number }
  | { readonly kind: 'interrupted' };

// A context of its own whose one script calls the function it is handed: `vm`'s `timeout` starts a watchdog
// thread that terminates whatever JavaScript runs in this isolate, the caller's own functions included.
let sandbox: { context: vm.Context; script: vm.Script } | undefined;

/**
 * Calls `fn` in this thread and stops it after `timeLimit` ms, even when it never yields (`while (true) {}`,
 * a regular expression backtracking forever): V8 terminates the running code and this thread goes on.
 * Only the synchronous part is bounded: a returned promise is the caller's to race. Code terminated this
 * way runs no `catch` or `finally`, so state it was changing may be left half-changed.
 *
 * @internal
 * @example callInterruptibly(() => parse(input), 1000) // { kind: 'interrupted' } for an endless loop
 */
export function callInterruptibly(fn: () => unknown, timeLimit: number): InterruptibleResult {
  sandbox ??= (() => {
    const context = vm.createContext({ call: undefined });
    return { context, script: new vm.Script('call()', { filename: 'activity-log-contract:time-limit' }) };
  })();
  let result: InterruptibleResult = { kind: 'interrupted' };
  // The function's own errors are caught here, in the caller's realm; only the termination passes this `try`.
  sandbox.context['call'] = () => {
    const started = performance.now();
    try {
      const value = fn();
      result = { kind: 'returned', value, ms: performance.now() - started };
    } catch (thrown) {
      result = { kind: 'threw', thrown, ms: performance.now() - started };
    }
  };
  try {
    sandbox.script.runInContext(sandbox.context, {
      timeout: Math.min(0xffff_ffff, Math.max(1, Math.ceil(timeLimit))),
    });
  } catch (error) {
    if (result.kind === 'interrupted' && !isTimeout(error)) throw error;
  } finally {
    sandbox.context['call'] = undefined;
  }
  return result;
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}
