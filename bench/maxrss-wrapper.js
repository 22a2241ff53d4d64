/**
 * Runs the CLI's `main()` in this process and reports the peak resident set size on stderr when the process
 * exits: `node bench/maxrss-wrapper.js <dist/cli/main.js> <command> [args…]`. Used where `/usr/bin/time -v`
 * is not available.
 */

const fs = require('node:fs');

const [cli, ...argv] = process.argv.slice(2);
const { main } = require(cli);

process.on('exit', () => {
  // resourceUsage().maxRSS is in kilobytes; writeSync so nothing is lost at exit.
  fs.writeSync(2, `\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});

main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
