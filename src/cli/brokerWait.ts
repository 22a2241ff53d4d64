import type { BrokerRetry } from '../pact/waitForBroker';

/**
 * Prints each wait for an unreachable broker to stderr as it starts, the first with the most the whole wait
 * can take, so a CI log never sits silent for a minute.
 *
 * @example publishPacts({ …, onBrokerRetry: showBrokerRetries(context.stderr) })
 */
export function showBrokerRetries(stderr: NodeJS.WritableStream): (retry: BrokerRetry) => void {
  return ({ baseUrl, reason, retry, retries, delayMs, maxWaitMs }) => {
    const broker = `broker at ${shownBrokerUrl(baseUrl)} unreachable`;
    if (retry === 1) {
      stderr.write(
        `${broker} (${reason}): retrying ${retries} time${retries === 1 ? '' : 's'}, waiting at most ${seconds(maxWaitMs)} in all\n`,
      );
    }
    stderr.write(`${broker}, retry ${retry}/${retries} in ${seconds(delayMs)}\n`);
  };
}

/** The broker's URL as printed: without any user or password written into it. */
export function shownBrokerUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(the broker URL)';
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1, useGrouping: false })} s`;
}
