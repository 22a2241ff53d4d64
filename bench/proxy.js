/**
 * The validating proxy's added latency per request (after `npm run build`): the same GET sent straight to
 * a loopback provider and through `activity-log-contract proxy` in front of it, alternately, one request at
 * a time, in one run; median and p99 of each, side by side.
 *
 *   node bench/proxy.js
 *
 * Environment:
 *   BENCH_PROXY_REQUESTS=2000   requests each way (after BENCH_PROXY_WARMUP=200 each way, not counted)
 *   BENCH_PROXY_ITEMS=1,20      activity log items in the provider's body (one run per value)
 *
 * The provider and the proxy (the real CLI, its log on stderr discarded) are child processes, so the
 * client's timing does not share an event loop with either.
 */

process.env.PACT_DO_NOT_TRACK = 'true';

const { fork, spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { intFromEnv } = require('./common');

const ROOT = path.resolve(__dirname, '..');

/** The child: a provider answering the spec's own example activity log, with `items` items. */
function serveProvider(items) {
  const { loadSpec } = require(path.join(ROOT, 'dist/spec'));
  const example = loadSpec().document.components.schemas.ActivityLogResponse.example;
  const [item] = example.activityLogItems;
  const body = JSON.stringify({ ...example, activityLogItems: Array.from({ length: items }, () => item) });
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () =>
    process.send({ port: server.address().port, bytes: Buffer.byteLength(body) }),
  );
}

function startProvider(items) {
  const child = fork(__filename, ['provider', String(items)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => child.once('message', (m) => resolve({ child, ...m })));
}

function startProxy(target) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'proxy', '--target', target], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = /^listening on (\S+)\n/.exec(out);
      if (line) resolve({ child, url: line[1], output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`proxy exited ${code} before listening: ${out}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET, timed from the call to the last byte of the body. */
function timedGet(url) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(url, { agent, headers: { authorization: 'Basic YmVuY2g6YmVuY2gtc2VjcmV0' } }, (response) => {
        response.on('data', () => {});
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      })
      .on('error', reject);
  });
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function measure(items, requests, warmup) {
  const provider = await startProvider(items);
  const direct = `http://127.0.0.1:${provider.port}/activity-logs/aa0e8400-e29b-41d4-a716-446655440005`;
  const proxy = await startProxy(`http://127.0.0.1:${provider.port}`);
  const proxied = `${proxy.url}/activity-logs/aa0e8400-e29b-41d4-a716-446655440005`;
  const times = { direct: [], proxied: [] };
  for (let i = 0; i < warmup + requests; i++) {
    // Alternating, so that whatever else the machine does weighs on both alike.
    const d = await timedGet(direct);
    const p = await timedGet(proxied);
    if (i >= warmup) {
      times.direct.push(d);
      times.proxied.push(p);
    }
  }
  const stopped = new Promise((resolve) => proxy.child.once('exit', resolve));
  proxy.child.kill('SIGINT');
  const code = await stopped;
  provider.child.kill();
  const summary = /proxy: \d+ checked[^\n]*/.exec(proxy.output())?.[0] ?? '(no summary)';
  const stats = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  };
  // Each proxied request minus the direct one sent just before it: the added latency, pair by pair.
  const added = stats(times.proxied.map((p, i) => p - times.direct[i]));
  return {
    items,
    bytes: provider.bytes,
    direct: stats(times.direct),
    proxied: stats(times.proxied),
    added,
    code,
    summary,
  };
}

/**
 * What judging one answer costs the proxy's thread (parse, validate), in-process: alternating requests
 * leave the proxy that time between two of its own, so it is shown apart.
 */
function judgingCost(items, rounds) {
  const { judgeResponse } = require(path.join(ROOT, 'dist/proxy'));
  const { getValidator } = require(path.join(ROOT, 'dist/validation'));
  const validator = getValidator();
  const example = validator.spec.document.components.schemas.ActivityLogResponse.example;
  const [item] = example.activityLogItems;
  const body = Buffer.from(
    JSON.stringify({ ...example, activityLogItems: Array.from({ length: items }, () => item) }),
  );
  const response = {
    method: 'GET',
    path: '/activity-logs/a',
    status: 200,
    headers: { 'content-type': 'application/json' },
    body,
  };
  const options = { strict: false, redact: (text) => text };
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    if (judgeResponse(validator, response, options).findings.length > 0)
      throw new Error('the example did not pass');
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

async function main() {
  const requests = Math.max(1, intFromEnv('BENCH_PROXY_REQUESTS', 2000));
  const warmup = intFromEnv('BENCH_PROXY_WARMUP', 200);
  const itemCounts = (process.env.BENCH_PROXY_ITEMS ?? '1,20').split(',').map(Number);
  console.log(
    `proxy latency: ${requests} sequential GETs each way (alternating), after ${warmup} warm-up each way`,
  );
  console.log(
    'items  body      direct median / p99      proxied median / p99     added, pair by pair: median / p99   proxy exit',
  );
  for (const items of itemCounts) {
    const r = await measure(items, requests, warmup);
    const ms = (n) => `${n.toFixed(3)} ms`;
    console.log(
      `${String(r.items).padStart(5)}  ${`${r.bytes} B`.padEnd(8)}  ${ms(r.direct.median)} / ${ms(r.direct.p99)}   ` +
        `${ms(r.proxied.median)} / ${ms(r.proxied.p99)}   ${ms(r.added.median)} / ${ms(r.added.p99)}   ${r.code} (${r.summary})`,
    );
  }
  agent.destroy();
  for (const items of itemCounts) {
    const cost = judgingCost(items, requests);
    console.log(
      `judging one answer of ${items} item${items === 1 ? '' : 's'} in-process: median ${cost.median.toFixed(3)} ms, p99 ${cost.p99.toFixed(3)} ms`,
    );
  }
}

if (process.argv[2] === 'provider') serveProvider(Number(process.argv[3]));
else
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
