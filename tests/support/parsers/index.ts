/** Example downstream parsers: one correct, the others subtly wrong (each in its own way). */

export { parseActivityLog_assumesTarget as assumesTarget } from './assumesTarget';
export { parseActivityLog as correct } from './correct';
export { parseActivityLog_crashesOnEmptyItems as crashesOnEmptyItems } from './crashesOnEmptyItems';
export { parseActivityLog_hangsOnEmptySummary as hangsOnEmptySummary } from './hangsOnEmptySummary';
export { parseActivityLog_lenientCreatedAt as lenientCreatedAt } from './lenientCreatedAt';
export { parseActivityLogText_normalisesIntegers as normalisesIntegers } from './normalisesIntegers';
export { parseActivityLogText_refusesDeepMetadata as refusesDeepMetadata } from './refusesDeepMetadata';
export { parseActivityLog_refusesLongPages as refusesLongPages } from './refusesLongPages';
export { parseActivityLog_rejectsUndocumented as rejectsUndocumented } from './rejectsUndocumented';
export { safeParseActivityLog } from './resultShape';
export { parseActivityLog_spinsOnControlCharacter as spinsOnControlCharacter } from './spinsOnControlCharacter';
export { parseActivityLog_throwsStrings as throwsStrings } from './throwsStrings';
export { parseActivityLog_trimsStrings as trimsStrings } from './trimsStrings';
