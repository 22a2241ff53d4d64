import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Source maps in dist/ would point stack traces at node_modules/activity-log-contract/src/…, which the
// package does not ship: the build emits none, and none left by an older build is packed.
const ROOT = path.resolve(__dirname, '../..');

function buildOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, file).options;
}

describe('the published build', () => {
  it('emits no source maps, inline or beside the files, for code or declarations', () => {
    const options = buildOptions();
    expect({
      sourceMap: options.sourceMap ?? false,
      inlineSourceMap: options.inlineSourceMap ?? false,
      declarationMap: options.declarationMap ?? false,
    }).toEqual({ sourceMap: false, inlineSourceMap: false, declarationMap: false });
    const emitted = ts.transpileModule(readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8'), {
      compilerOptions: options,
      fileName: 'src/index.ts',
    });
    expect(emitted.sourceMapText).toBeUndefined();
    expect(emitted.outputText).not.toContain('sourceMappingURL');
  });

  it('packs no .map file, so maps from an older build never ship', () => {
    const { files } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      files: string[];
    };
    expect(files).toContain('!dist/**/*.map');
  });
});
