import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server whose every answer is `answer(request, response)`; closed by the returned function. */
export async function startTarget(
  answer: (request: http.IncomingMessage, response: http.ServerResponse) => void,
): Promise<{ url: string; close(): void }> {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
