/**
 * `node bench/mock.js` (after `npm run build`): the mock provider's throughput, requests per second at
 * concurrency 8 (BENCH_MOCK_CONCURRENCY), median of BENCH_MOCK_RUNS=5 runs of BENCH_MOCK_SECONDS=3 s each.
 *
 * The mock runs as users run it, in its own process (`node dist/cli/main.js mock --port 0`), so the load
 * generator does not share its event loop. Two workloads:
 *   new ids   every request a new path, so every body is generated (the worst case)
 *   same ids  8 paths over and over, so bodies come from the mock's cache (a test suite's usual case)
 * Every request carries valid credentials and the spec's sequence-version; every answer must be a 200.
 */

process.env.PACT_DO_NOT_TRACK = 'true';

const { median } = require('./common');
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..');
const CONCURRENCY = Number(process.env.BENCH_MOCK_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_MOCK_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_MOCK_SECONDS ?? 3);
const HEADERS = {
  authorization: `Basic ${Buffer.from('bench-id:bench-secret').toString('base64')}`,
  'sequence-version': '2024-07-30',
  accept: 'application/json',
};

function startMock() {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'mock', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, SEQUENCE_CLIENT_ID: '', SEQUENCE_CLIENT_SECRET: '' },
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock exited with ${code} before listening`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const url = /^listening on (http:\/\/\S+)$/.exec(line)?.[1];
      if (!url) reject(new Error(`unexpected first line: ${line}`));
      else resolve({ child, url: new URL(url) });
    });
  });
}

function get(agent, url, pathName) {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { agent, host: url.hostname, port: url.port, path: pathName, headers: HEADERS },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk) => {
          bytes += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode, bytes }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

async function run(url, pathFor) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const deadline = Date.now() + SECONDS * 1000;
  let count = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const answer = await get(agent, url, pathFor(worker, i));
        if (answer.status !== 200) throw new Error(`expected 200, got ${answer.status}`);
        count++;
        bytes += answer.bytes;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { rps: count / seconds, meanBytes: bytes / count };
}

async function main() {
  const { child, url } = await startMock();
  try {
    let round = 0;
    const workloads = {
      'new ids': (worker, i) => `/activity-logs/r${round}-w${worker}-${i}`,
      'same ids': (worker) => `/activity-logs/hot-${worker}`,
    };
    console.log(
      `mock throughput: concurrency ${CONCURRENCY}, ${RUNS} runs of ${SECONDS} s, node ${process.version}`,
    );
    for (const [name, pathFor] of Object.entries(workloads)) {
      await run(url, pathFor); // warm-up: validators compiled, arbitraries built, JIT warm
      const results = [];
      for (round = 1; round <= RUNS; round++) results.push(await run(url, pathFor));
      const rates = results.map((r) => r.rps);
      console.log(
        `  ${name.padEnd(9)} median ${median(rates).toFixed(0)} req/s (runs: ${rates.map((r) => r.toFixed(0)).join(', ')}; ` +
          `mean body ${(median(results.map((r) => r.meanBytes)) / 1024).toFixed(1)} KiB)`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
