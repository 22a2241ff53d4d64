/** The CLI bench's floor: stream an NDJSON file line by line and JSON.parse each line, on one thread. */
const fs = require('node:fs');
const { createInterface } = require('node:readline');

(async () => {
  const lines = createInterface({
    input: fs.createReadStream(process.argv[2], { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let parsed = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    JSON.parse(line);
    parsed++;
  }
  process.stdout.write(`{"summary": {"parsed": ${parsed}}}\n`);
})();
