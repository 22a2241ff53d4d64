import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  breaksConsumers,
  diffReportSections,
  diffSpecs,
  renderDiffHuman,
  renderDiffJson,
  renderDiffMarkdown,
} from '../../diff';
import { pactsFolderProblem } from '../../pact/readPactFolder';
import { renderJunit } from '../../report';
import { DEFAULT_SPEC_FILE, loadSpec, parseSpec, type Spec } from '../../spec';
import { createValidator } from '../../validation';
import { contractsFolderProblem } from '../../validation/contracts';
import { PACKAGE_ROOT, parseCommandArgs } from '../args';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command';
import { writeReportFile } from '../output';

const FORMATS = ['human', 'json', 'markdown'] as const;
type DiffFormat = (typeof FORMATS)[number];

export const diff: Command = {
  name: 'diff',
  help: `Usage: activity-log-contract diff <old> <new> [options]
       activity-log-contract diff --from-git <ref> <new> [options]

Compares two versions of an OpenAPI document from the consumer's side, by what their schemas
accept (a $ref moved, a component renamed, keys reordered or examples reworded are no change):
  responses  a property removed or renamed, required → optional, a type changed or widened
             (nullable, integer → number), a format changed, additionalProperties loosened,
             an enum value added (warning) or removed (warning), a new 2xx status or media type,
             a response header removed, a 2xx left with no body: breaking when an old client can
             reject or misread it; a new default response is a warning
  requests   a new required parameter or header, an allowed value removed (sequence-version),
             a security requirement added: breaking when an old request can be refused
  other      a keyword no rule above reads (multipleOf, uniqueItems, not, prefixItems, if/then,
             …) that differs: a warning (response-schema-changed), never silence
Then checks the consumer's evidence again under <new>: recorded responses, rejected cases, the
examples of both documents and every pact interaction, and says which change verdict.

Options:
  --from-git <ref>       <old> is <new> as it was at the git revision <ref> (e.g. origin/main)
  --contracts <dir>      folder with recorded/ and rejected/ (default: the bundled one when <old>
                         is the bundled spec, else none)
  --pacts <dir>          folder of pact files (default: the bundled one when <old> is the bundled
                         spec, else none)
  --format human|json|markdown
                         report on stdout (default: human; markdown for a pull-request comment)
  --junit <file>         also write a JUnit XML report
  -h, --help             this help

Exit codes: 0 nothing breaking, 1 a breaking change or evidence that now fails, 2 a usage error,
an unreadable document or unreadable evidence.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      'from-git': { type: 'string' },
      contracts: { type: 'string' },
      pacts: { type: 'string' },
      format: { type: 'string', default: 'human' },
      junit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    const format = diffFormat(values.format);
    const ref = values['from-git'];
    const expected = ref === undefined ? 2 : 1;
    if (positionals.length !== expected) {
      throw new UsageError(
        ref === undefined
          ? `diff takes two documents, <old> and <new>; got ${positionals.length}`
          : `diff --from-git <ref> takes one document, <new>; got ${positionals.length}`,
      );
    }
    const newFile = path.resolve(context.cwd, positionals[expected - 1] as string);
    const oldFile = ref === undefined ? path.resolve(context.cwd, positionals[0] as string) : undefined;
    const oldSpec =
      oldFile === undefined ? specAtRevision(ref as string, newFile, context) : loadSpec(oldFile);
    // A file compared with itself is one document: loaded, checked and compiled once.
    const newSpec = oldFile === newFile ? oldSpec : loadSpec(newFile);
    // The bundled contracts and pacts were written against the bundled spec: they are its consumer's evidence.
    const ownEvidence = (oldFile ?? newFile) === DEFAULT_SPEC_FILE;
    const contracts = evidenceDir(context, values.contracts, '--contracts', ownEvidence);
    const pacts = evidenceDir(context, values.pacts, '--pacts', ownEvidence);

    const before = createValidator(oldSpec);
    const after = newSpec === oldSpec ? before : createValidator(newSpec);
    const report = await diffSpecs(before, after, {
      ...(contracts === undefined ? {} : { contracts }),
      ...(pacts === undefined ? {} : { pacts }),
      cwd: context.cwd,
      stdin: context.stdin,
    });
    const render = { human: renderDiffHuman, json: renderDiffJson, markdown: renderDiffMarkdown }[format];
    context.stdout.write(render(report));
    if (values.junit) {
      await writeReportFile(
        context.cwd,
        values.junit,
        renderJunit('activity-log-contract diff', diffReportSections(report)),
      );
    }
    if (report.counts.unreadable > 0) return ExitCode.usage;
    return breaksConsumers(report) ? ExitCode.violation : ExitCode.ok;
  },
};

function diffFormat(value: string | undefined): DiffFormat {
  const found = FORMATS.find((f) => f === value);
  if (found === undefined)
    throw new UsageError(`--format must be 'human', 'json' or 'markdown', not '${value}'`);
  return found;
}

/** `--contracts`/`--pacts` as given, else the bundled folder when the old document is the bundled spec. */
function evidenceDir(
  context: CommandContext,
  option: string | undefined,
  flag: '--contracts' | '--pacts',
  bundled: boolean,
): string | undefined {
  const name = flag.slice(2);
  if (option === undefined) return bundled ? path.join(PACKAGE_ROOT, name) : undefined;
  const dir = path.resolve(context.cwd, option);
  if (!existsSync(dir)) throw new UsageError(`${flag} ${option}: no such directory`);
  // Check's own checks: a folder that cannot be read, or holds nothing to check, is a usage error.
  const problem = flag === '--contracts' ? contractsFolderProblem(dir) : pactsFolderProblem(dir);
  if (problem !== undefined) throw new UsageError(`${flag} ${option} ${problem}`);
  return dir;
}

/** The document at `file` as it was at git revision `ref`, read with `git show` (nothing is checked out). */
function specAtRevision(ref: string, file: string, context: CommandContext): Spec {
  // A revision that looks like an option would be read by git as one.
  if (ref === '' || ref.startsWith('-'))
    throw new UsageError(`--from-git needs a git revision, got '${ref}'`);
  let text: string;
  let prefix: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: path.dirname(file),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8');
  try {
    text = git('show', `${ref}:./${path.basename(file)}`);
    // The document is named as git names it, from the top of the repository, wherever diff runs.
    prefix = git('rev-parse', '--show-prefix').trim();
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')[0];
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'git is not installed'
        : stderr || (error as Error).message;
    throw new UsageError(
      `--from-git ${ref}: cannot read ${path.relative(context.cwd, file) || file} at ${ref}: ${reason}`,
    );
  }
  return parseSpec(text, `${ref}:${prefix}${path.basename(file)}`);
}
