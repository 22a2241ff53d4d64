/** What the bench scripts share: reading a number from the environment, medians, and number formatting. */

/** `process.env[name]` as a whole number of at least `min` (`1_000_000` allowed), or `fallback` when unset. */
function intFromEnv(name, fallback, min = 0) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number${min > 0 ? ` ≥ ${min}` : ''}, got '${raw}'`);
  return value;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

module.exports = { fmt, intFromEnv, median };
