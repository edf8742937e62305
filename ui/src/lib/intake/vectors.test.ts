// The shared text vectors (src-tauri/core/test-vectors/text.json) run here and in Rust
// (src-tauri/core/src/rules.rs): the form's early checks and the core's rules agree on each.
import { describe, expect, it } from 'vitest';
import vectors from '../../../../src-tauri/core/test-vectors/text.json';
import {
  containsCprNumber,
  validateCallerName,
  validateDescription,
  validateEmail,
  validateNote,
  validatePhone,
  validatePseudonym,
} from './rules';

/** Fewest vectors a list may have: an empty (or emptied) list would pass every loop below. */
const MIN_VECTORS = 2;

/** The vectors of one list, failing when the list is missing or has fewer than MIN_VECTORS. */
function some(list: readonly string[] | undefined, name: string): readonly string[] {
  expect(list, `${name} is missing from text.json`).toBeDefined();
  expect(list?.length ?? 0, `${name} has too few vectors`).toBeGreaterThanOrEqual(MIN_VECTORS);
  return list ?? [];
}

/** Every list of strings in the file, by its path ("cpr.contains"). */
function lists(value: unknown, path = ''): [string, unknown[]][] {
  if (Array.isArray(value)) return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => lists(v, path === '' ? k : `${path}.${k}`));
}

describe('shared text vectors', () => {
  it('every list in text.json has vectors', () => {
    const all = lists(vectors);
    expect(all.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'cpr.contains',
        'cpr.clean',
        'cpr.accepted_false_positives',
        'phone.valid',
        'phone.invalid',
        'email.valid',
        'email.invalid',
        'single_line.valid',
        'single_line.invalid',
        'multi_line.valid',
        'multi_line.invalid',
        'empty',
      ]),
    );
    for (const [path, list] of all) {
      expect(list.length, `${path} has too few vectors`).toBeGreaterThanOrEqual(MIN_VECTORS);
    }
  });

  it('CPR numbers', () => {
    for (const s of some(vectors.cpr.contains, 'cpr.contains')) expect(containsCprNumber(s), s).toBe(true);
    for (const s of some(vectors.cpr.clean, 'cpr.clean')) expect(containsCprNumber(s), s).toBe(false);
    // Written down as accepted: text taken for a CPR number though it is none.
    for (const s of some(vectors.cpr.accepted_false_positives, 'cpr.accepted_false_positives')) {
      expect(containsCprNumber(s), s).toBe(true);
    }
  });

  it('phone numbers', () => {
    for (const s of some(vectors.phone.valid, 'phone.valid')) expect(validatePhone(s), s).toBeNull();
    for (const s of some(vectors.phone.invalid, 'phone.invalid')) expect(validatePhone(s), s).not.toBeNull();
  });

  it('e-mail addresses', () => {
    for (const s of some(vectors.email.valid, 'email.valid')) expect(validateEmail(s), s).toBeNull();
    for (const s of some(vectors.email.invalid, 'email.invalid')) expect(validateEmail(s), s).not.toBeNull();
  });

  it('control characters in single-line and multi-line text', () => {
    for (const s of some(vectors.single_line.valid, 'single_line.valid')) {
      expect(validateCallerName(s), JSON.stringify(s)).toBeNull();
    }
    for (const s of some(vectors.single_line.invalid, 'single_line.invalid')) {
      expect(validateCallerName(s), JSON.stringify(s)).not.toBeNull();
    }
    for (const s of some(vectors.multi_line.valid, 'multi_line.valid')) {
      expect(validateNote(s), JSON.stringify(s)).toBeNull();
    }
    for (const s of some(vectors.multi_line.invalid, 'multi_line.invalid')) {
      expect(validateNote(s), JSON.stringify(s)).not.toBeNull();
    }
  });

  it('text of only spaces and invisible characters is empty', () => {
    for (const s of some(vectors.empty, 'empty')) {
      expect(validatePseudonym(s), JSON.stringify(s)).toBe('Skriv initialer eller et pseudonym.');
      expect(validateDescription(s), JSON.stringify(s)).toBe('Beskriv bekymringen.');
      expect(validateCallerName(s), JSON.stringify(s)).toBeNull();
      expect(validatePhone(s), JSON.stringify(s)).toBeNull();
    }
  });
});
