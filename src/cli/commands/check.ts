import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkPactAgainstSpec } from '../../pact';
import { pactsFolderProblem, readPactFolder } from '../../pact/readPactFolder';
import {
  outcomeOf,
  type ReportEntry,
  type ReportSection,
  renderJson,
  renderJunit,
  renderSections,
  renderSummary,
  summarize,
  unreadableEntry,
} from '../../report';
import { listOperations, SpecError } from '../../spec';
import { getValidator, listExamples, type SpecValidator, validateExample } from '../../validation';
import {
  type ContractFolder,
  contractsFolderProblem,
  judgeRejectedCase,
  readContractFolder,
} from '../../validation/contracts';
import {
  PACKAGE_ROOT,
  parseCommandArgs,
  REPORT_OPTIONS,
  type ReportFormat,
  reportFormat,
  specFileOption,
} from '../args';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command';
import { judgeRecording } from '../judge/judgeRecording';
import { writeReportFile } from '../output';
import { exitCodeFor } from './validate';

export const check: Command = {
  name: 'check',
  help: `Usage: activity-log-contract check [options]

The offline conformance gate, no credentials needed:
  1. spec       the OpenAPI document parses, satisfies the meta-schema of its version (3.0 or 3.1),
                has no dangling $ref, and every schema compiles (unknown formats: notices)
  2. examples   every example in the spec satisfies its schema (undocumented properties fail)
  3. recorded   every response in <contracts>/recorded/ passes (warnings are shown, not failed)
  4. rejected   every case in <contracts>/rejected/ fails with exactly the findings it expects
  5. pacts      every interaction of every pact in <pacts>/ is documented by the spec: request
                method, path, parameters and headers; response status, content type and body

Options:
  --spec <file>          OpenAPI 3.0 or 3.1 document (default: the bundled spec)
  --contracts <dir>      folder with recorded/ and rejected/ (default: ./contracts if present,
                         else the bundled one)
  --format human|json    report on stdout (default: human)
  --junit <file>         also write a JUnit XML report
  --pacts <dir>          folder of pact files (default: ./pacts if present, else the bundled one;
                         with --spec, pacts are checked only when --pacts names them)
  --strict               undocumented properties in recorded responses are failures
  -h, --help             this help

Exit codes: 0 all passed, 1 a contract violation, 2 a usage error, a broken spec or unreadable input.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPORT_OPTIONS,
      contracts: { type: 'string' },
      pacts: { type: 'string' },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`check takes no arguments, got '${positionals[0]}'`);
    const format = reportFormat(values.format);
    // The bundled contracts and pacts were derived from the bundled spec: another --spec gets them only when named.
    const ownSpec = values.spec !== undefined;
    const contracts =
      ownSpec && values.contracts === undefined
        ? undefined
        : resolveDir(context, values.contracts, '--contracts', 'contracts');
    const pacts =
      ownSpec && values.pacts === undefined
        ? undefined
        : resolveDir(context, values.pacts, '--pacts', 'pacts');
    const strict = values.strict === true;
    const contractsProblem =
      values.contracts !== undefined && contracts !== undefined
        ? contractsFolderProblem(contracts)
        : undefined;
    if (contractsProblem !== undefined)
      throw new UsageError(`--contracts ${values.contracts} ${contractsProblem}`);
    const pactsProblem =
      values.pacts !== undefined && pacts !== undefined ? pactsFolderProblem(pacts) : undefined;
    if (pactsProblem !== undefined) throw new UsageError(`--pacts ${values.pacts} ${pactsProblem}`);

    let validator: SpecValidator;
    try {
      validator = getValidator(specFileOption(values.spec, context.cwd));
      validator.compileAll();
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      // CI uploads the reports `if: always()`: a broken spec must reach them too, not only stderr.
      await reportBrokenSpec(error, format, values.junit, context);
      throw error;
    }
    const { spec } = validator;
    const schemaCount = validator.converted.sites.filter(
      (s) => s.kind === 'component' || s.kind === 'response',
    ).length;
    const notices = validator.converted.notices.map((notice) => {
      const location = spec.locate(notice.pointer);
      return `${notice.message} (${location.path}, ${spec.file}:${location.line ?? '?'})`;
    });
    const specEntry: ReportEntry = {
      source: spec.file,
      title: `OpenAPI ${spec.document.openapi}: ${listOperations(spec).length} operation(s), ${schemaCount} schema(s)`,
      outcome: 'passed',
      findings: [],
    };

    const sections: ReportSection[] = [
      { name: 'spec', entries: [specEntry], notices },
      { name: 'examples', entries: checkExamples(validator) },
      {
        name: 'recorded',
        entries: await checkFolder(contracts, 'recorded', context, (source, value) =>
          judgeRecording(validator, source, value, strict),
        ),
      },
      {
        name: 'rejected',
        entries: await checkFolder(contracts, 'rejected', context, (source, value) =>
          rejectedCaseEntry(validator, source, value),
        ),
      },
      { name: 'pacts', entries: pacts === undefined ? [] : checkPacts(validator, pacts, context) },
    ];

    const all = sections.flatMap((s) => s.entries);
    const summary = summarize(all);
    if (format === 'human') {
      context.stdout.write(renderSections(sections));
      context.stdout.write(`${renderSummary('check', summary)}\n`);
    } else {
      context.stdout.write(renderJson({ command: 'check', summary, sections }));
    }
    if (values.junit)
      await writeReportFile(context.cwd, values.junit, renderJunit('activity-log-contract check', sections));
    return exitCodeFor(summary);
  },
};

/** The broken spec as the one entry of the report, in the chosen format and the JUnit file; main prints the rest. */
async function reportBrokenSpec(
  error: SpecError,
  format: ReportFormat,
  junit: string | undefined,
  context: CommandContext,
): Promise<void> {
  const entry = unreadableEntry(error.file, `broken spec: ${error.message}`);
  const sections: ReportSection[] = [{ name: 'spec', entries: [entry] }];
  if (format === 'json') {
    context.stdout.write(renderJson({ command: 'check', summary: summarize([entry]), sections }));
  }
  if (junit) await writeReportFile(context.cwd, junit, renderJunit('activity-log-contract check', sections));
}

function resolveDir(context: CommandContext, option: string | undefined, flag: string, name: string): string {
  if (option !== undefined) {
    const dir = path.resolve(context.cwd, option);
    if (!existsSync(dir)) throw new UsageError(`${flag} ${option}: no such directory`);
    return dir;
  }
  const local = path.resolve(context.cwd, name);
  return existsSync(local) ? local : path.join(PACKAGE_ROOT, name);
}

/** One entry per pact interaction, checked against the spec with the same validators. */
function checkPacts(validator: SpecValidator, dir: string, context: CommandContext): ReportEntry[] {
  return readPactFolder(dir, context.cwd).flatMap((file): ReportEntry[] => {
    if ('problem' in file) return [unreadableEntry(file.source, file.problem)];
    return checkPactAgainstSpec(file.pact, validator).interactions.map((interaction) => ({
      source: file.source,
      title: `"${interaction.description}" → ${interaction.operation ?? 'no documented operation'} → ${interaction.status}`,
      outcome: outcomeOf(interaction.findings),
      findings: interaction.findings,
    }));
  });
}

function checkExamples(validator: SpecValidator): ReportEntry[] {
  const { spec } = validator;
  return listExamples(spec).map((example) => {
    const location = spec.locate(example.pointer);
    const findings = validateExample(validator, example);
    return {
      source: `${spec.file}:${location.line ?? '?'}`,
      title: `example ${location.path}`,
      outcome: outcomeOf(findings),
      findings,
    };
  });
}

/**
 * Reads every recording in a folder of the contracts (none if it is absent or empty: another folder may
 * hold the cases) and judges each; unreadable ones are entries too.
 */
async function checkFolder(
  contracts: string | undefined,
  name: ContractFolder,
  context: CommandContext,
  judge: (source: string, value: unknown) => ReportEntry,
): Promise<ReportEntry[]> {
  const entries: ReportEntry[] = [];
  if (contracts === undefined) return entries;
  for await (const item of readContractFolder(contracts, name, context)) {
    entries.push(
      item.kind === 'unreadable'
        ? unreadableEntry(item.source, item.message)
        : judge(item.source, item.value),
    );
  }
  return entries;
}

/** A rejected case passes when its recording produces exactly the error findings it expects. */
function rejectedCaseEntry(validator: SpecValidator, source: string, value: unknown): ReportEntry {
  const verdict = judgeRejectedCase(validator, value);
  if ('problem' in verdict) return unreadableEntry(source, verdict.problem);
  const { description, passed, missing, unexpected } = verdict;
  if (passed) return { source, title: description, outcome: 'passed', findings: [] };
  const problems = [
    ...missing.map((m) => `expected ${m.rule} at ${m.pointer || '(response)'} (${m.keyword}) did not occur`),
    ...(unexpected.length > 0 ? ['unexpected findings:'] : []),
  ];
  return {
    source,
    title: description,
    outcome: 'failed',
    findings: unexpected,
    message: problems.join('\n  '),
  };
}
