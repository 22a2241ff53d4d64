/**
 * Peak memory of `validate` on a big NDJSON file: the file is streamed to a temp dir, then
 * `node dist/cli/main.js validate <file> --format json` runs as a child process under `/usr/bin/time -v`
 * (or, without it, under a wrapper that reports `process.resourceUsage().maxRSS`).
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { once } = require('node:events');

const MAXRSS_MARKER = 'BENCH_MAXRSS_KB=';

/** Streams `count` generated lines to `file`, honouring back-pressure; returns what was written. */
async function writeNdjson(file, generator, count) {
  const out = fs.createWriteStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const kinds = { plain: 0, extra: 0, invalid: 0 };
  let bytes = 0;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const line = generator.next();
    kinds[line.kind]++;
    chunk += `${line.text}\n`;
    if (chunk.length >= 1 << 20 || i === count - 1) {
      bytes += Buffer.byteLength(chunk, 'utf8');
      const ok = out.write(chunk);
      chunk = '';
      if (!ok) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return { bytes, kinds };
}

/** Is `/usr/bin/time -v` usable here (GNU time, reporting the maximum resident set size)? */
function hasGnuTime() {
  if (process.env.BENCH_NO_TIME === '1' || !fs.existsSync('/usr/bin/time')) return false;
  const probe = spawnSync('/usr/bin/time', ['-v', process.execPath, '-e', '0'], { encoding: 'utf8' });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr ?? '');
}

/**
 * Runs `validate <file> --format json` in a child process; stdout (the JSON report) goes to `reportFile`.
 * @returns {{ exitCode: number | null, seconds: number, peakRssMb: number | null, how: string,
 *   summary: Record<string, number> | null, reportBytes: number, stderrTail: string }}
 */
function runValidate(root, file, reportFile, useTime, extra = []) {
  const cli = path.join(root, 'dist', 'cli', 'main.js');
  return runScript(root, [cli, 'validate', file, '--format', 'json', ...extra], reportFile, useTime);
}

/** Runs `node <args>` with stdout to `reportFile`, timing it and measuring its peak RSS. */
function runScript(root, scriptArgs, reportFile, useTime) {
  const wrapper = path.join(__dirname, 'maxrss-wrapper.js');
  const [command, args] = useTime
    ? ['/usr/bin/time', ['-v', process.execPath, ...scriptArgs]]
    : [process.execPath, [wrapper, ...scriptArgs]];
  const reportFd = fs.openSync(reportFile, 'w');
  const started = process.hrtime.bigint();
  let child;
  try {
    child = spawnSync(command, args, {
      cwd: root,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
      stdio: ['ignore', reportFd, 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } finally {
    fs.closeSync(reportFd);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.error) throw child.error;
  const stderr = child.stderr ?? '';

  let peakKb = null;
  let exitCode = child.status;
  if (useTime) {
    const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
    peakKb = rss ? Number(rss[1]) : null;
    // GNU time exits with the child's status, and says so when the child failed.
    const status = /Command exited with non-zero status (\d+)/.exec(stderr);
    exitCode = status ? Number(status[1]) : child.status;
  } else {
    const rss = new RegExp(`${MAXRSS_MARKER}(\\d+)`).exec(stderr);
    peakKb = rss ? Number(rss[1]) : null;
  }

  return {
    exitCode,
    seconds,
    peakRssMb: peakKb === null ? null : peakKb / 1024,
    how: useTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
    summary: readSummary(reportFile),
    reportBytes: fs.statSync(reportFile).size,
    stderrTail: stderr
      .split('\n')
      .filter(
        (l) =>
          l.trim() !== '' &&
          !/^\t/.test(l) &&
          !l.includes(MAXRSS_MARKER) &&
          !l.startsWith('Command exited with non-zero status'),
      )
      .slice(-5)
      .join('\n'),
  };
}

/** The report's `summary`, read from its last kilobytes: `validate` streams entries and writes it last. */
function readSummary(reportFile) {
  const fd = fs.openSync(reportFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(4096, size));
    const read = fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    const match = /"summary":\s*(\{[^}]*\})/.exec(tail.toString('utf8', 0, read));
    return match ? JSON.parse(match[1]) : null;
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = { hasGnuTime, runScript, runValidate, writeNdjson };
