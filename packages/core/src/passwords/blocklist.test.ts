// Threat: a guesser tries the most common passwords first, and the ways people dress them up to pass a
// composition policy (a capital, a digit, a symbol, a year, @ for a) are just as well known, so a list
// matched literally stops almost none of them.
import commonPackage from '@zxcvbn-ts/language-common/package.json';
import enPackage from '@zxcvbn-ts/language-en/package.json';
import { describe, expect, it } from 'vitest';
import { commonPasswordCore, inSortedList, isCommonPassword, MIN_CORE_LENGTH, passwordCores } from './blocklist';
import { BLOCKLIST, BLOCKLIST_SOURCES } from './blocklist-data';
import { generatePassword } from './generator';

describe('common passwords dressed up to pass a composition policy', () => {
  it.each([
    ['Password123!', 'digits and a symbol appended'],
    ['Qwerty123456!', 'a keyboard walk with digits appended'],
    ['Summer2026!!', 'a season and a year'],
    ['PASSWORD2026', 'capitals'],
    ['P@$$w0rd2026', 'look-alikes: @ for a, $ for s, 0 for o'],
    ['Pa55word!', '5 for s'],
    ['D1amond2026!', '1 for i'],
    ['F1ower-2026', '1 for l'],
    ['Dr@gon1984', 'a year appended'],
    ['2026Sunshine!', 'a year in front'],
    ['!Password1', 'a symbol in front'],
    ['Computer2026!', 'an English word'],
    ['Michael1990!', 'a first name'],
    ['January2027#', 'a month'],
    ['Adminadmin1!', 'a word said twice'],
    ['Abcd1234!', 'the alphabet and digits in order'],
    ['Cloudflare2026!', "this service's own world"],
  ])('refuses %s (%s)', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([
    ['Correct-Horse-Battery-9', 'a passphrase of several words'],
    ['Blue-Harbor-Lantern-42!', 'another passphrase'],
    [")&('duende}}", 'a word inside more noise than a person appends'],
    ['Xk9#mP2$vL7q', 'random characters'],
  ])('accepts %s (%s)', (password) => {
    expect(commonPasswordCore(password)).toBeNull();
  });

  it('accepts random passwords of a 12-character, four-class policy', () => {
    for (let i = 0; i < 2000; i++) {
      const pw = generatePassword(12, 12);
      expect(commonPasswordCore(pw), pw).toBeNull();
    }
  });
});

describe('the cores a password is checked as', () => {
  it('strips what is appended, then what is prepended, and reads look-alikes as letters', () => {
    expect(passwordCores('$ummer2026!!')).toEqual(['$ummer2026!!', '$ummer2026', '$ummer', 'summer', 'ummer']);
    expect(passwordCores('Ab1!')).toEqual(['ab1!']);
    expect(passwordCores('Ab1!').every((c) => [...c].length >= MIN_CORE_LENGTH)).toBe(true);
  });

  it('tries both readings of 1 and |, and bounds the readings of a hostile input', () => {
    expect(passwordCores('w1ld-f1re!')).toEqual(expect.arrayContaining(['wild-fire', 'wlld-flre', 'wild-flre', 'wlld-fire']));
    const hostile = passwordCores('a1|'.repeat(42));
    expect(hostile.length).toBeLessThanOrEqual(8);
  });
});

describe('the generated blocklist', () => {
  const lines = BLOCKLIST.split('\n');

  it('is sorted, without duplicates or short entries, so the binary search finds every entry', () => {
    const unsorted = lines.findIndex((l, i) => i > 0 && !(lines[i - 1]! < l));
    expect(unsorted, `${lines[unsorted - 1]} before ${lines[unsorted]}`).toBe(-1);
    expect(lines.filter((l) => [...l].length < MIN_CORE_LENGTH)).toEqual([]);
    for (let i = 0; i < lines.length; i += 997) expect(inSortedList(BLOCKLIST, lines[i]!)).toBe(true);
    expect(inSortedList(BLOCKLIST, lines[0]!)).toBe(true);
    expect(inSortedList(BLOCKLIST, lines.at(-1)!)).toBe(true);
    expect(inSortedList(BLOCKLIST, 'zzzz-not-a-word')).toBe(false);
    expect(inSortedList(BLOCKLIST, '')).toBe(false);
  });

  it('holds the ranked passwords and words it was made from', () => {
    expect(lines.length).toBeGreaterThan(60_000);
    for (const w of ['password', 'qwerty', 'summer', 'sunshine', 'dragon', 'computer', 'michael', 'p@ssw0rd']) {
      expect(inSortedList(BLOCKLIST, w), w).toBe(true);
    }
  });

  it('was generated from the installed dictionaries (run scripts/gen-password-blocklist.ts after updating them)', () => {
    expect(BLOCKLIST_SOURCES).toEqual({ '@zxcvbn-ts/language-common': commonPackage.version, '@zxcvbn-ts/language-en': enPackage.version });
  });
});
