/**
 * `npm run bench` (after `npm run build`): validation throughput side by side, generation throughput side by
 * side (see bench/generation.js), then peak memory of `validate` on a big NDJSON file.
 *
 * Environment:
 *   BENCH_CORPUS=10000       lines in the in-memory throughput corpus (0..20 items a response)
 *   BENCH_ROUNDS=7           measured rounds (the median is reported), after a correctness pass and
 *                            BENCH_WARMUP=1 warm-up round
 *   BENCH_LINES=1000000      lines in the big file for the memory run (0 skips the memory run)
 *   BENCH_MEM_MAX_ITEMS=2    items per response in the memory files, 0..N (small, so that a million
 *                            lines validate in about a minute on two cores; 20 is the corpus' shape)
 *   BENCH_NO_TIME=1          measure RSS with process.resourceUsage() even where /usr/bin/time exists
 *   BENCH_GEN_SAMPLES=2000   activity logs per generator per round (BENCH_GEN_ROUNDS=7 rounds)
 */

process.env.PACT_DO_NOT_TRACK = 'true';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fmt, intFromEnv, median } = require('./common');
const { buildCorpus, createGenerator } = require('./corpus');
const { createContenders } = require('./contenders');
const { generation } = require('./generation');
const { hasGnuTime, runScript, runValidate, writeNdjson } = require('./memory');

const ROOT = path.resolve(__dirname, '..');
const MB = 1e6;
// The targets of the issue 'Validation at the speed of JSON.parse' (measured side by side, never timed tests).
const OURS_VS_FLOOR_TARGET = 0.9;
const EXTRA_VS_PLAIN_TARGET = 1.1;
const CLI_VS_FLOOR_TARGET = 1.4;
const PEAK_RSS_TARGET_MB = 250;
const REPORT_TARGET_BYTES = 1e6;
const COMPARISON_LINES = 100_000;
/** The floor's fastest round over its slowest beyond which a run is called noisy. */
const NOISY_SPREAD = 1.2;

const CORPUS_LINES = Math.max(1, intFromEnv('BENCH_CORPUS', 10_000));
const ROUNDS = Math.max(1, intFromEnv('BENCH_ROUNDS', 7));
const WARMUP = intFromEnv('BENCH_WARMUP', 1);
const BIG_LINES = intFromEnv('BENCH_LINES', 1_000_000);
const MEM_MAX_ITEMS = intFromEnv('BENCH_MEM_MAX_ITEMS', 2);
/** Distinct lines the memory files cycle through (generating a million fresh ones would take minutes). */
const MEM_POOL = 20_000;
/** Per-kind breakdown: at most this many distinct lines of each kind, validations per pass, passes. */
const PER_KIND_LINES = 2_000;
const PER_KIND_PASS = 2_000;
const PER_KIND_ROUNDS = 5;

const gc = typeof global.gc === 'function' ? global.gc : () => {};

function table(headers, rows, alignLeft = [0]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (alignLeft.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One timed pass of a contender over the lines: wall and CPU seconds, and how many lines it accepted. */
function timePass(accept, lines) {
  gc();
  let accepted = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) if (accept(lines[i])) accepted++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, accepted };
}

function throughput() {
  const { loadSpec } = require(`${ROOT}/dist/spec`);
  const { createValidator } = require(`${ROOT}/dist/validation`);
  const spec = loadSpec();
  const sites = createValidator(spec).converted.sites;

  let started = Date.now();
  const corpus = buildCorpus(spec, sites, CORPUS_LINES, { seed: 20240730 });
  const { lines, expectedValid, kinds } = corpus;
  const expectedRejected = expectedValid.filter((v) => !v).length;
  console.log(
    `Corpus: ${fmt(lines.length)} NDJSON lines, ${fmt(corpus.bytes / MB, 1)} MB ` +
      `(avg ${fmt(corpus.bytes / lines.length)} B/line), built in ${fmt((Date.now() - started) / 1000, 1)} s ` +
      `from the spec's ActivityLogResponse example`,
  );
  console.log(
    `  ${fmt(kinds.plain)} plain, ${fmt(kinds.extra)} with an undocumented property (valid), ` +
      `${fmt(kinds.invalid)} invalid (${fmt((100 * kinds.invalid) / lines.length, 1)}%); 0..20 items a response`,
  );

  const contenders = createContenders(ROOT);

  // Correctness first (this is also the first warm-up pass): every contender must reject the invalid lines.
  const counts = contenders.map((c) => {
    let accepted = 0;
    let mismatches = 0;
    for (let i = 0; i < lines.length; i++) {
      const ok = c.accept(lines[i]);
      if (ok) accepted++;
      if (ok !== expectedValid[i]) mismatches++;
    }
    return { accepted, rejected: lines.length - accepted, mismatches };
  });

  started = Date.now();
  const wall = contenders.map(() => []);
  const cpu = contenders.map(() => []);
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    // Rotate the order each round so drift and noise hit every contender alike.
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const pass = timePass(contenders[index].accept, lines);
      if (round < WARMUP) continue;
      wall[index].push(lines.length / pass.seconds);
      cpu[index].push(lines.length / pass.cpuSeconds);
    }
  }
  const benchSeconds = (Date.now() - started) / 1000;

  const bytesPerLine = corpus.bytes / lines.length;
  const rate = wall.map(median);
  const cpuRate = cpu.map(median);
  // A ratio is taken within each round (the two ran minutes apart at most, seconds in fact), then its median:
  // load that comes and goes between rounds moves both sides of a round's ratio alike.
  const ratio = (series, i, j) => median(series[i].map((value, round) => value / series[j][round]));
  const vs = (i, j) => ratio(wall, i, j);
  const vsCpu = (i, j) => ratio(cpu, i, j);
  const floorIndex = contenders.findIndex((c) => c.role === 'floor');
  const rawIndex = contenders.findIndex((c) => c.role === 'baseline');
  const oursIndex = contenders.findIndex((c) => c.role === 'ours');
  console.log(
    `\nThroughput: median of ${ROUNDS} rounds after a correctness pass and ${WARMUP} warm-up round, ` +
      `contenders interleaved (${fmt(benchSeconds, 1)} s)\n` +
      'Each contender JSON.parses every line, then validates it.\n',
  );
  const headers = ['contender', 'responses/s', 'MB/s', 'x floor', 'min..max responses/s', 'CPU-time resp/s'];
  console.log(
    table(
      [...headers, 'accepted', 'rejected', 'wrong'],
      contenders.map((c, i) => [
        c.name,
        fmt(rate[i]),
        fmt((rate[i] * bytesPerLine) / MB, 1),
        `${fmt(vs(i, floorIndex), 2)}x`,
        `${fmt(Math.min(...wall[i]))}..${fmt(Math.max(...wall[i]))}`,
        fmt(cpuRate[i]),
        fmt(counts[i].accepted),
        fmt(counts[i].rejected),
        i === floorIndex ? 'n/a' : fmt(counts[i].mismatches),
      ]),
    ),
  );
  console.log(
    `\n  expected: ${fmt(lines.length - expectedRejected)} accepted, ${fmt(expectedRejected)} rejected; ` +
      "'wrong' = lines whose verdict differs from the expected one; MB = 10^6 bytes\n" +
      '  responses/s, MB/s: wall-clock medians; x floor and the targets: the median of the ratios taken within\n' +
      "  each round; CPU-time resp/s: divided by the process's user+system CPU time instead, less sensitive\n" +
      '  to other load on the machine',
  );
  for (const c of contenders) console.log(`  ${c.name}: ${c.note}`);

  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  const vsFloor = vs(oursIndex, floorIndex);
  const floorSpread = Math.max(...wall[floorIndex]) / Math.min(...wall[floorIndex]);
  if (floorSpread > NOISY_SPREAD)
    console.log(
      `\n  NOTE  a noisy machine: the floor's rounds differ by up to ${fmt(floorSpread, 2)}x (min..max); the ratios ` +
        'below are taken within each round, but rerun on a quiet machine before quoting them',
    );
  console.log(
    `\nTargets:\n  ${verdict(vsFloor >= OURS_VS_FLOOR_TARGET)}  ours / JSON.parse alone = ${fmt(vsFloor, 2)}x ` +
      `(target >= ${fmt(OURS_VS_FLOOR_TARGET, 2)}x; by CPU time ${fmt(vsCpu(oursIndex, floorIndex), 2)}x)`,
  );
  const vsRaw = vs(oursIndex, rawIndex);
  console.log(
    `  ${verdict(vsRaw > 1)}  ours ahead of JSON.parse + raw Ajv: ${fmt(vsRaw, 2)}x its ` +
      `throughput (by CPU time ${fmt(vsCpu(oursIndex, rawIndex), 2)}x)`,
  );
  contenders.forEach((c, i) => {
    if (c.role !== 'peer') return;
    const vsPeer = vs(oursIndex, i);
    console.log(
      `  ${verdict(vsPeer > 1)}  ours ahead of ${c.name}: ${fmt(vsPeer, 2)}x its throughput ` +
        `(by CPU time ${fmt(vsCpu(oursIndex, i), 2)}x)`,
    );
  });
  const broken = contenders.filter((c, i) => c.role !== 'floor' && counts[i].mismatches > 0);
  console.log(
    `  ${verdict(broken.length === 0)}  every validator rejects exactly the ${fmt(expectedRejected)} invalid lines` +
      (broken.length ? ` (wrong: ${broken.map((c) => c.name).join(', ')})` : ''),
  );

  byKind(contenders, corpus, [rawIndex, oursIndex]);
}

/**
 * Where the time goes: each kind of line apart, ours beside raw Ajv. Every kind uses the same number of
 * distinct lines (as kind, or unkind, to the CPU caches), cycled to PER_KIND_PASS validations a pass; the
 * contenders alternate pass by pass, and the median of PER_KIND_ROUNDS passes is shown.
 */
function byKind(contenders, corpus, indexes) {
  const { lines } = corpus;
  const groups = { plain: [], extra: [], invalid: [] };
  for (let i = 0; i < lines.length; i++) groups[corpus.lineKinds[i]].push(lines[i]);
  const size = Math.min(PER_KIND_LINES, ...Object.values(groups).map((g) => g.length));
  if (size === 0) return;
  const rows = [];
  for (const [kind, group] of Object.entries(groups)) {
    const distinct = group.slice(0, size);
    const sample = Array.from({ length: Math.max(PER_KIND_PASS, size) }, (_, i) => distinct[i % size]);
    const bytes = distinct.reduce((sum, l) => sum + Buffer.byteLength(l, 'utf8') + 1, 0);
    const times = indexes.map(() => []);
    for (let round = 0; round < PER_KIND_ROUNDS + 1; round++) {
      indexes.forEach((index, k) => {
        const { seconds } = timePass(contenders[index].accept, sample);
        if (round > 0) times[k].push((seconds / sample.length) * 1e6);
      });
    }
    const [rawUs, oursUs] = times.map(median);
    rows.push([kind, fmt(bytes / size), fmt(rawUs, 1), fmt(oursUs, 1), `${fmt(oursUs / rawUs, 2)}x`]);
  }
  console.log(
    `\nPer kind of line (${fmt(size)} distinct lines of each kind; median of ${PER_KIND_ROUNDS} passes ` +
      `of ${fmt(PER_KIND_PASS)} validations, after one warm-up pass):\n`,
  );
  console.log(
    table(
      [
        'lines',
        'avg B',
        `${contenders[indexes[0]].name} us`,
        `${contenders[indexes[1]].name} us`,
        'ours/raw time',
      ],
      rows,
    ),
  );
  const oursByKind = Object.fromEntries(
    rows.map((row) => [row[0], Number(String(row[3]).replace(/,/g, ''))]),
  );
  if (oursByKind.extra && oursByKind.plain) {
    const ratio = oursByKind.extra / oursByKind.plain;
    console.log(
      `  ${ratio <= EXTRA_VS_PLAIN_TARGET ? 'PASS' : 'MISS'}  ours: a line with an undocumented property costs ` +
        `${fmt(ratio, 2)}x a plain one (target <= ${fmt(EXTRA_VS_PLAIN_TARGET, 2)}x; lines of the same size, about)`,
    );
  }
  const shares = Object.entries(groups).map(
    ([kind, group]) => `${kind} ${fmt((100 * group.length) / lines.length, 1)}%`,
  );
  console.log(`  (corpus: ${shares.join(', ')}; us = microseconds per response, JSON.parse included)`);
}

/** The floor, then `validate --jobs 1` and `--jobs 2` on the same file: seconds, throughput and peak RSS. */
function cliThroughput(file, report, useTime) {
  const floor = runScript(ROOT, [path.join(__dirname, 'parseOnly.js'), file], report, useTime);
  const rows = [['stream + JSON.parse (floor)', floor]];
  for (const jobs of ['1', '2'])
    rows.push([`validate --jobs ${jobs}`, runValidate(ROOT, file, report, useTime, ['--jobs', jobs])]);
  return rows.map(([name, run]) => ({
    name,
    vsFloor: floor.seconds / run.seconds,
    peakRssMb: run.peakRssMb,
    cells: [
      name,
      fmt(run.seconds, 1),
      fmt(BIG_LINES / run.seconds),
      `${fmt(floor.seconds / run.seconds, 2)}x`,
      run.peakRssMb === null ? '?' : fmt(run.peakRssMb, 1),
    ],
  }));
}

/** The size of each default report (human, json, JUnit) of `validate` on one file: grouped findings. */
function reportSizes(file, dir, useTime) {
  const out = path.join(dir, 'report.out');
  const junit = path.join(dir, 'report.xml');
  const cli = path.join(ROOT, 'dist', 'cli', 'main.js');
  const human = runScript(ROOT, [cli, 'validate', file], out, useTime).reportBytes;
  const json = runScript(ROOT, [cli, 'validate', file, '--format', 'json', '--junit', junit], out, useTime);
  const sizes = { human, json: json.reportBytes, junit: fs.statSync(junit).size };
  fs.rmSync(out, { force: true });
  fs.rmSync(junit, { force: true });
  return sizes;
}

async function memory() {
  if (BIG_LINES === 0) {
    console.log('\nMemory: skipped (BENCH_LINES=0)');
    return;
  }
  const { loadSpec } = require(`${ROOT}/dist/spec`);
  const { createValidator } = require(`${ROOT}/dist/validation`);
  const spec = loadSpec();
  const sites = createValidator(spec).converted.sites;
  const useTime = hasGnuTime();
  const smallLines =
    BIG_LINES > COMPARISON_LINES ? COMPARISON_LINES : Math.max(1, Math.floor(BIG_LINES / 10));

  console.log(
    `\nMemory: node dist/cli/main.js validate <file> --format json, peak RSS via ${
      useTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS (wrapper)'
    }\n  responses of 0..${MEM_MAX_ITEMS} items (BENCH_MEM_MAX_ITEMS), cycling through ${fmt(MEM_POOL)} distinct lines\n`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alc-bench-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const generator = createGenerator(spec, sites, { seed: 7, maxItems: MEM_MAX_ITEMS });
  const pool = Array.from({ length: Math.min(MEM_POOL, BIG_LINES) }, () => generator.next());
  const rows = [];
  const results = [];
  let cliRows = [];
  let sizes;
  try {
    for (const count of [smallLines, BIG_LINES]) {
      const file = path.join(dir, `recordings-${count}.ndjson`);
      const report = path.join(dir, `report-${count}.json`);
      const started = Date.now();
      let next = 0;
      const cycle = { next: () => pool[next++ % pool.length] };
      const written = await writeNdjson(file, cycle, count);
      const writeSeconds = (Date.now() - started) / 1000;
      const run = runValidate(ROOT, file, report, useTime);
      const expected = `${fmt(written.kinds.plain)}/${fmt(written.kinds.extra)}/${fmt(written.kinds.invalid)}`;
      const got = run.summary
        ? `${fmt(run.summary.passed)}/${fmt(run.summary.warned)}/${fmt(run.summary.failed + run.summary.unreadable)}`
        : 'no summary';
      rows.push([
        fmt(count),
        fmt(written.bytes / MB, 0),
        fmt(writeSeconds, 1),
        fmt(run.seconds, 1),
        fmt(count / run.seconds),
        fmt(written.bytes / MB / run.seconds, 1),
        String(run.exitCode),
        run.peakRssMb === null ? '?' : fmt(run.peakRssMb, 1),
        got,
        expected,
        fmt(run.reportBytes / MB, 1),
      ]);
      results.push(run);
      if (run.stderrTail)
        console.log(`  stderr of the ${fmt(count)}-line run:\n${run.stderrTail.replace(/^/gm, '    ')}`);
      if (count === smallLines) sizes = reportSizes(file, dir, useTime);
      if (count === BIG_LINES) cliRows = cliThroughput(file, report, useTime);
      fs.rmSync(file, { force: true });
      fs.rmSync(report, { force: true });
    }
  } finally {
    cleanup();
  }
  console.log(
    table(
      [
        'lines',
        'file MB',
        'write s',
        'validate s',
        'lines/s',
        'MB/s',
        'exit',
        'peak RSS MB',
        'passed/warned/failed',
        'expected',
        'report MB',
      ],
      rows,
    ),
  );
  console.log(
    `\nCLI throughput on the ${fmt(BIG_LINES)}-line file, side by side (the floor: one thread streaming the file and JSON.parsing each line)\n`,
  );
  console.log(
    table(
      ['contender', 'seconds', 'lines/s', 'x floor', 'peak RSS MB'],
      cliRows.map((r) => r.cells),
    ),
  );
  const twoJobs = cliRows.find((r) => r.name === 'validate --jobs 2');
  if (twoJobs) {
    console.log(
      `\n  ${twoJobs.vsFloor >= CLI_VS_FLOOR_TARGET ? 'PASS' : 'MISS'}  validate --jobs 2 = ${fmt(twoJobs.vsFloor, 2)}x ` +
        `the floor's throughput (target >= ${fmt(CLI_VS_FLOOR_TARGET, 2)}x)`,
    );
    for (const row of cliRows.filter((r) => r.name.startsWith('validate')))
      console.log(
        `  ${row.peakRssMb !== null && row.peakRssMb < PEAK_RSS_TARGET_MB ? 'PASS' : 'MISS'}  ${row.name}: peak RSS ` +
          `${row.peakRssMb === null ? '?' : fmt(row.peakRssMb, 0)} MB for ${fmt(BIG_LINES)} lines (target < ${PEAK_RSS_TARGET_MB} MB)`,
      );
  }
  if (sizes) {
    const largest = Math.max(sizes.human, sizes.json, sizes.junit);
    console.log(
      `  ${largest < REPORT_TARGET_BYTES ? 'PASS' : 'MISS'}  reports of the ${fmt(smallLines)}-line file: human ` +
        `${fmt(sizes.human / 1e3)} kB, json ${fmt(sizes.json / 1e3)} kB, JUnit ${fmt(sizes.junit / 1e3)} kB ` +
        '(target < 1 MB each; --format ndjson lists every finding on purpose)',
    );
  }
  const [small, big] = results;
  const asExpected = rows.every((row) => row[6] === '1' && row[8] === row[9]);
  console.log(
    `\n  ${asExpected ? 'PASS' : 'MISS'}  exit code 1 (a contract violation: the invalid lines) and ` +
      'passed/warned/failed as generated, in both runs',
  );
  if (small.peakRssMb && big.peakRssMb) {
    const ratio = big.peakRssMb / small.peakRssMb;
    console.log(
      `  ${ratio <= 1.25 ? 'PASS' : 'MISS'}  bounded memory: peak RSS ${fmt(BIG_LINES)} lines / ` +
        `${fmt(smallLines)} lines = ${fmt(ratio, 2)}x (roughly the same: <= 1.25x)`,
    );
  }
  console.log('  lines/s and MB/s are over the whole child process, start-up included');
  console.log(`  temp files removed: ${fs.existsSync(dir) ? 'NO' : 'yes'} (${dir})`);
}

async function runAll() {
  const started = Date.now();
  console.log(
    `activity-log-contract bench — node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  throughput();
  await generation();
  await memory();
  console.log(`\nDone in ${fmt((Date.now() - started) / 1000, 0)} s.`);
}

runAll().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
