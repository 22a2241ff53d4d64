import { closestOption } from '../../../src/cli/unknownOption';
import { runCli } from '../../support/runCli';

describe('a mistyped option', () => {
  it.each([
    [['check', '--formt', 'json'], 'check', 'unknown option --formt; did you mean --format?'],
    [['validate', '-', '--fromat=json'], 'validate', 'unknown option --fromat; did you mean --format?'],
    [['publish', '--retrys', '2'], 'publish', 'unknown option --retrys; did you mean --retries?'],
    [
      ['can-i-deploy', '--to-enviroment', 'production'],
      'can-i-deploy',
      'unknown option --to-enviroment; did you mean --to-environment?',
    ],
    [
      ['verify', '--provider-base-ulr', 'http://127.0.0.1:1'],
      'verify',
      'unknown option --provider-base-ulr; did you mean --provider-base-url?',
    ],
  ])('%j is named with the closest option of its command, exit 2', async (args, command, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `activity-log-contract ${command}: ${message}\nRun 'activity-log-contract ${command} --help' for usage.\n`,
    );
  });

  it('lists the command’s options when none is close, and never prints Node’s parseArgs advice', async () => {
    const run = await runCli(['generate', '--valid', '1', '--seed', '1', '--count', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'activity-log-contract generate: unknown option --count (the options are --valid, --invalid, --seed, --out, --spec, --undocumented-rate, --help)',
    );
    expect(run.stderr).not.toContain('To specify a positional argument');
  });
});

describe('closestOption', () => {
  const live = ['server', 'id', 'ids-file', 'format', 'junit', 'strict', 'retries', 'help'];

  it('forgives a swapped pair, a missing or extra letter, and case', () => {
    expect(closestOption('--fromat', live)).toBe('format');
    expect(closestOption('--junt', live)).toBe('junit');
    expect(closestOption('--strictt', live)).toBe('strict');
    expect(closestOption('--Server', live)).toBe('server');
  });

  it('completes an abbreviation of exactly one option', () => {
    expect(closestOption('--ids-f', live)).toBe('ids-file');
    expect(closestOption('--consumer', ['consumer-app-version', 'branch'])).toBe('consumer-app-version');
  });

  it('suggests nothing for another word or a single letter', () => {
    expect(closestOption('--count', ['valid', 'out', 'seed'])).toBeUndefined();
    expect(closestOption('-x', live)).toBeUndefined();
  });
});
