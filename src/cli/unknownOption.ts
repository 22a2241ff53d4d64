/**
 * What to say about an option a command does not know: the closest known one, when one is close enough
 * to be a typo, else the list of the command's options.
 *
 * @example unknownOptionMessage('--formt', ['spec', 'format']) // "unknown option --formt; did you mean --format?"
 */
export function unknownOptionMessage(typed: string, known: readonly string[]): string {
  const suggestion = closestOption(typed, known);
  if (suggestion !== undefined) return `unknown option ${typed}; did you mean --${suggestion}?`;
  return `unknown option ${typed} (the options are ${known.map((name) => `--${name}`).join(', ')})`;
}

/** The known option name nearest to `typed` (`--formt`, `-x`), or `undefined` when none is plausibly meant. */
export function closestOption(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, '').toLowerCase();
  if (name.length < 2) return undefined;
  // A typo changes a character in three at most; further off is another word (`--count` is not `--out`).
  const allowed = Math.max(1, Math.floor(name.length / 3));
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = editDistance(name, option.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { option, distance };
  }
  if (best !== undefined) return best.option;
  // An abbreviation of exactly one option (`--consumer` for `--consumer-app-version`).
  const extending = known.filter((option) => option.toLowerCase().startsWith(name));
  return extending.length === 1 ? extending[0] : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
