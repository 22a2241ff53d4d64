import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// `CI=true npm ci` runs install scripts (GitHub sets CI=true; npm 10 runs every script, npm 11 those
// package.json approves). .ci/run proves the install itself; these say why it works, from the lockfile.
const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean; dev?: boolean }>;
};

describe('the install, with install scripts enabled', () => {
  it('approves every install script the lockfile holds (npm 11 skips the rest silently)', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([at]) => at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const unapproved = withScripts.filter((name) => manifest.allowScripts?.[name] !== true);
    expect(unapproved).toEqual([]);
  });

  it('keeps one ajv for everything but swagger-mock-validator (a second one under ajv-formats breaks its types)', () => {
    const nested = Object.keys(lock.packages).filter(
      (at) =>
        at.endsWith('/node_modules/ajv') &&
        at !== 'node_modules/@pactflow/swagger-mock-validator/node_modules/ajv',
    );
    expect(nested).toEqual([]);
  });

  it("nests each package swagger-mock-validator's patch-package patches where its postinstall looks, at the patched version", () => {
    // Its postinstall runs patch-package in its own folder: a patch for ajv@8.17.1 needs
    // node_modules/@pactflow/swagger-mock-validator/node_modules/ajv at 8.17.1, or it fails with
    // "Patch file found for package ajv which is not present at node_modules/ajv" (exit 1 when CI=true).
    const owner = 'node_modules/@pactflow/swagger-mock-validator';
    const patches = readdirSync(path.join(ROOT, owner, 'patches')).filter((f) => f.endsWith('.patch'));
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) {
      const [, name, version] = /^(.+)\+([^+]+)\.patch$/.exec(patch) ?? [];
      expect({ patch, nested: lock.packages[`${owner}/node_modules/${name}`]?.version }).toEqual({
        patch,
        nested: version,
      });
    }
  });
});
