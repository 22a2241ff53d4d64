import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type ParseError, parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';
import { isEnvelope } from './recording';

/** One recording read from an input, or why it could not be read. Reading never throws. */
export type InputItem =
  | { readonly kind: 'value'; readonly source: string; readonly value: unknown }
  | { readonly kind: 'unreadable'; readonly source: string; readonly message: string };

const NDJSON = /\.(ndjson|jsonl)$/i;
const READABLE = /\.(json|ndjson|jsonl)$/i;

/**
 * Reads JSON files, NDJSON files (one recording a line, streamed: memory stays bounded by the longest
 * line), directories (their .json/.ndjson/.jsonl files, recursively, in name order) and `-` (stdin,
 * NDJSON when its first line is a whole JSON value, otherwise one JSON document).
 * `source` names the file and, for NDJSON, the line: `corpus.ndjson:17`.
 */
export async function* readRecordings(
  inputs: readonly string[],
  options: { readonly cwd: string; readonly stdin: NodeJS.ReadableStream },
): AsyncGenerator<InputItem> {
  for (const input of inputs) {
    if (input === '-') {
      yield* readStdin(options.stdin);
      continue;
    }
    const file = path.resolve(options.cwd, input);
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      yield { kind: 'unreadable', source: input, message: describeFsError(error) };
      continue;
    }
    if (stat.isDirectory()) {
      const found = await listRecordingFiles(file);
      // A folder with nothing to read is a mistyped path or a recorder that wrote nothing: never a pass.
      if (found.length === 0) {
        yield {
          kind: 'unreadable',
          source: input,
          message: 'no .json, .ndjson or .jsonl files in this folder',
        };
      }
      for (const recording of found)
        yield* readFile(recording, path.join(input, path.relative(file, recording)));
    } else {
      yield* readFile(file, input);
    }
  }
}

async function* readFile(file: string, shown: string): AsyncGenerator<InputItem> {
  if (NDJSON.test(file)) {
    yield* readLines(createReadStream(file, { encoding: 'utf8' }), shown);
    return;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    yield { kind: 'unreadable', source: shown, message: describeFsError(error) };
    return;
  }
  const item = parseDocument(text, shown);
  // A JSON file may hold a list of recording envelopes; each is a recording of its own.
  if (
    item.kind === 'value' &&
    Array.isArray(item.value) &&
    item.value.length > 0 &&
    item.value.every(isEnvelope)
  ) {
    for (const [i, value] of item.value.entries()) yield { kind: 'value', source: `${shown}[${i}]`, value };
    return;
  }
  yield item;
}

async function* readLines(stream: NodeJS.ReadableStream, shown: string): AsyncGenerator<InputItem> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      if (line.trim() === '') continue;
      yield parseLine(line, `${shown}:${number}`);
    }
  } catch (error) {
    yield { kind: 'unreadable', source: shown, message: describeFsError(error) };
  }
  if (number === 0) yield { kind: 'unreadable', source: shown, message: 'empty input: no recordings in it' };
}

async function* readStdin(stdin: NodeJS.ReadableStream): AsyncGenerator<InputItem> {
  const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let mode: 'undecided' | 'ndjson' | 'document' = 'undecided';
  let number = 0;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const line = next.value;
    number++;
    if (mode === 'document') {
      buffered.push(line);
      continue;
    }
    if (mode === 'undecided') {
      if (line.trim() === '') {
        buffered.push(line);
        continue;
      }
      mode = isWholeJson(line) ? 'ndjson' : 'document';
      if (mode === 'document') {
        buffered.push(line);
        continue;
      }
      buffered.length = 0;
    }
    if (line.trim() !== '') yield parseLine(line, `stdin:${number}`);
  }
  if (mode === 'undecided')
    yield { kind: 'unreadable', source: 'stdin', message: 'empty input: no recordings in it' };
  if (mode === 'document') yield parseDocument(buffered.join('\n'), 'stdin');
}

function isWholeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const BOM = /^\uFEFF/;

function parseLine(line: string, source: string): InputItem {
  try {
    return { kind: 'value', source, value: JSON.parse(line.replace(BOM, '')) };
  } catch (error) {
    return { kind: 'unreadable', source, message: `invalid JSON: ${locateJsonError(line, error)}` };
  }
}

function parseDocument(text: string, source: string): InputItem {
  if (text.trim() === '') return { kind: 'unreadable', source, message: 'empty input: no recordings in it' };
  try {
    return { kind: 'value', source, value: JSON.parse(text.replace(BOM, '')) };
  } catch (error) {
    return { kind: 'unreadable', source, message: `invalid JSON: ${locateJsonError(text, error)}` };
  }
}

/** JSON.parse's messages on Node 20 often omit the position; a tolerant parser finds the line and column. */
function locateJsonError(text: string, error: unknown): string {
  if (error instanceof RangeError) return 'nested too deeply to parse';
  const errors: ParseError[] = [];
  parseTolerant(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) return (error as Error).message;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < first.offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${what} at line ${line}, column ${first.offset - lineStart + 1}`;
}

async function listRecordingFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listRecordingFiles(full)));
    else if (READABLE.test(entry.name)) files.push(full);
  }
  return files;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot read (${code ?? (error as Error).message})`;
  }
}
