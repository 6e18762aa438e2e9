import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_SYMBOLS } from './generator';

describe('generated passwords', () => {
  it('always contain every character class and honour the minimum length', () => {
    for (let i = 0; i < 200; i++) {
      const pw = generatePassword(24);
      expect(pw.length).toBe(24);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[0-9]/);
      expect([...pw].some((ch) => PASSWORD_SYMBOLS.includes(ch))).toBe(true);
    }
  });

  it('are not repeated', () => {
    expect(new Set(Array.from({ length: 100 }, () => generatePassword())).size).toBe(100);
  });

  it('leave out the quote, which would end a shell or JSON string they are pasted into', () => {
    expect(PASSWORD_SYMBOLS).not.toContain("'");
    for (let i = 0; i < 200; i++) expect(generatePassword(40)).not.toContain("'");
  });
});
