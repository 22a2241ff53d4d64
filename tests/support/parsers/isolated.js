// Plain CommonJS parsers for fuzzParser's worker mode (a worker thread loads JavaScript, not TypeScript).

/** Checks the top-level shape only and gives back what it was given. */
exports.shallow = (input) => {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new TypeError('not an object');
  if (!Array.isArray(input.activityLogItems)) throw new TypeError('activityLogItems must be an array');
  return input;
};

/** Wrong: loops forever, synchronously, on an item whose summary is empty. */
exports.spinsOnEmptySummary = (input) => {
  for (const item of exports.shallow(input).activityLogItems) {
    while (item.summary === '') {
      // never ends
    }
  }
  return input;
};

/** Wrong: reports rejection by throwing a number. */
exports.throwsNumbers = (input) => {
  try {
    return exports.shallow(input);
  } catch {
    throw 42;
  }
};

/** Wrong: loops forever after its first `await`, where no watchdog runs: only terminating the worker stops it. */
exports.spinsAfterAwaitOnEmptySummary = async (input) => {
  const log = exports.shallow(input);
  await null;
  for (const item of log.activityLogItems) {
    while (item.summary === '') {
      // never ends, and the worker's event loop with it
    }
  }
  return input;
};
