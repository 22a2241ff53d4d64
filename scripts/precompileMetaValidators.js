/**
 * After `tsc` (part of `npm run build`): writes the OpenAPI 3.0 and 3.1 meta-schema validators as code next
 * to dist/spec/metaValidators.js, so that loading a spec does not compile them at every start (about 200 ms).
 */
const fs = require('node:fs');
const path = require('node:path');

const dist = path.resolve(__dirname, '../dist/spec');
const { metaValidatorCode, PRECOMPILED_FILES } = require(path.join(dist, 'metaValidators.js'));
for (const [version, file] of Object.entries(PRECOMPILED_FILES)) {
  fs.writeFileSync(path.join(dist, file), metaValidatorCode(version));
}
