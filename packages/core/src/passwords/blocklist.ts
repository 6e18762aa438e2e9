// Is a password built on a commonly used password or word? NIST SP 800-63B (5.1.1.2) asks a verifier to
// refuse passwords "known to be commonly-used, expected, or compromised", and people dress a common password
// up the same few ways: capitals, look-alike characters (@ for a, 0 for o, 1 for i or l, $ for s, 3 for e)
// and digits, symbols or a year added at the end (`Password123!`, `Qwerty123456!`, `Summer2026!!`). So the
// password is normalised those ways and every resulting core is looked up in the blocklist
// (blocklist-data.ts, generated from zxcvbn-ts's dictionaries).
//
// Pure and cheap: no I/O, nothing built at start-up (the sorted list is searched in place, a binary search
// per core), a few microseconds per password. What the cores look like is exported for the tests.
import { BLOCKLIST } from './blocklist-data';

/**
 * Words of this service's own world, which no dictionary ranks but a guesser tries first, and the words
 * the former hand-made list knew that the dictionaries do not.
 */
const EXTRA_WORDS: ReadonlySet<string> = new Set([
  'cloudflare',
  'edgeiam',
  'edge-iam',
  'workers',
  'fortnite',
  'roblox',
  'linkedin',
  'toor',
]);

/** Runs a keyboard or the alphabet gives, forwards or backwards (`abcd`, `4321`, `qwerty`, `0987`). */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm',
].flatMap((seq) => [seq, [...seq].reverse().join('')]);
/** A repetition counts from this length (`abcabc`, `aaaaaa`): shorter ones turn up by chance in random passwords. */
const MIN_REPEATED_LENGTH = 6;

/** Cores shorter than this are not looked up: any 3-letter stem would match something. */
export const MIN_CORE_LENGTH = 4;

/** Look-alike characters and the letters they stand for (1 and | can be either i or l). */
const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = {
  '@': ['a'],
  '4': ['a'],
  '8': ['b'],
  '(': ['c'],
  '3': ['e'],
  '6': ['g'],
  '9': ['g'],
  '1': ['i', 'l'],
  '!': ['i'],
  '|': ['i', 'l'],
  '0': ['o'],
  '5': ['s'],
  $: ['s'],
  '7': ['t'],
  '+': ['t'],
};
/** Past this many two-way characters only the all-i and all-l readings are tried (bounded work). */
const MAX_AMBIGUOUS = 4;

const TRAILING_NON_LETTERS = /[^\p{L}]+$/u;
const LEADING_NON_LETTERS = /^[^\p{L}]+/u;
const TRAILING_SYMBOLS = /[^\p{L}\p{N}]+$/u;

/** Every reading of `s` with look-alikes replaced by the letters they stand for (none when it has none). */
function unLeet(s: string): string[] {
  const chars = [...s];
  let lookAlikes = 0;
  let ambiguous = 0;
  for (const ch of chars) {
    const options = LOOK_ALIKES[ch];
    if (options) {
      lookAlikes++;
      if (options.length > 1) ambiguous++;
    }
  }
  if (lookAlikes === 0) return [];
  // Each two-way character doubles the readings: all of them up to MAX_AMBIGUOUS, else only all-first, all-second.
  const variants = ambiguous <= MAX_AMBIGUOUS ? 1 << ambiguous : 2;
  const out: string[] = [];
  for (let v = 0; v < variants; v++) {
    let reading = '';
    let bit = 0;
    for (const ch of chars) {
      const options = LOOK_ALIKES[ch];
      if (!options) reading += ch;
      else if (options.length === 1) reading += options[0];
      else reading += options[ambiguous <= MAX_AMBIGUOUS ? (v >> bit++) & 1 : v];
    }
    out.push(reading);
  }
  return out;
}

/**
 * Affixes with more symbols than this are not "appended digits or symbols" but noise: a common word inside
 * `)&('duende}}` is not a weakness, and random passwords would otherwise be refused now and then.
 */
const MAX_AFFIX_SYMBOLS = 3;
const countSymbols = (s: string) => s.replace(/[\p{L}\p{N}]/gu, '').length;

/**
 * The strings a password is checked as: itself (lowercase, NFKC), without symbols at the end, without the
 * digits and symbols at the end and then at the start, and those with look-alike characters read as
 * letters. Only cores of at least MIN_CORE_LENGTH characters.
 */
export function passwordCores(password: string): string[] {
  const s = password.normalize('NFKC').toLowerCase();
  const trimmedEnd = s.replace(TRAILING_NON_LETTERS, '');
  const trimmed = trimmedEnd.replace(LEADING_NON_LETTERS, '');
  const trailingSymbols = countSymbols(s.slice(trimmedEnd.length));
  const leadingSymbols = countSymbols(trimmedEnd.slice(0, trimmedEnd.length - trimmed.length));
  const cores = new Set([s, s.replace(TRAILING_SYMBOLS, '')]);
  const stems: string[] = [];
  if (trailingSymbols <= MAX_AFFIX_SYMBOLS) stems.push(trimmedEnd);
  if (trailingSymbols + leadingSymbols <= MAX_AFFIX_SYMBOLS) stems.push(trimmed);
  for (const stem of stems) {
    cores.add(stem);
    for (const reading of unLeet(stem)) cores.add(reading);
  }
  return [...cores].filter((c) => [...c].length >= MIN_CORE_LENGTH);
}

/** Binary search over a sorted, newline-separated list, in place. */
export function inSortedList(list: string, word: string): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // INVARIANT: lo and hi are line starts (or the end), so the line holding `mid` starts at or after lo.
    const start = list.lastIndexOf('\n', mid - 1) + 1;
    let end = list.indexOf('\n', start);
    if (end < 0) end = list.length;
    const line = list.slice(start, end);
    if (line === word) return true;
    if (line < word) lo = end + 1;
    else hi = start;
  }
  return false;
}

/** The shortest unit `core` repeats (`adminadmin` -> `admin`, `aaaa` -> `a`), or null when it repeats none. */
function repeatedUnit(core: string): string | null {
  for (let n = 1; n <= core.length / 2; n++) {
    if (core.length % n === 0 && core.slice(n) === core.slice(0, -n)) return core.slice(0, n);
  }
  return null;
}

const inSequence = (core: string) => SEQUENCES.some((seq) => seq.includes(core));

/** Whether one core is a listed word, a sequence, or a listed word or short unit said again. */
function weakCore(core: string): boolean {
  if (EXTRA_WORDS.has(core) || inSortedList(BLOCKLIST, core) || inSequence(core)) return true;
  const unit = core.length >= MIN_REPEATED_LENGTH ? repeatedUnit(core) : null;
  return unit !== null && (unit.length < MIN_CORE_LENGTH || inSortedList(BLOCKLIST, unit) || inSequence(unit));
}

/** The core of `password` that is a common password or word, a sequence or a repetition; null when none is. */
export function commonPasswordCore(password: string): string | null {
  return passwordCores(password).find(weakCore) ?? null;
}

export const isCommonPassword = (password: string) => commonPasswordCore(password) !== null;
