/** The part of `process` that delivers stop signals; a test passes an EventEmitter. */
export interface SignalSource {
  once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * An `AbortSignal` that aborts on the first SIGINT or SIGTERM (its `reason` names the signal), and
 * `dispose` to stop listening for them: how a long-running command is stopped from the command line.
 *
 * @example const stop = stopOnProcessSignals(); await serveUntilStopped(server, { ...address, signal: stop.signal, onListening }); stop.dispose();
 */
export function stopOnProcessSignals(source: SignalSource = process): {
  readonly signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onInt = () => controller.abort('SIGINT');
  const onTerm = () => controller.abort('SIGTERM');
  source.once('SIGINT', onInt);
  source.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    dispose() {
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
    },
  };
}
