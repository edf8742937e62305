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

describe('shared text vectors', () => {
  it('CPR numbers', () => {
    for (const s of vectors.cpr.contains) expect(containsCprNumber(s), s).toBe(true);
    for (const s of vectors.cpr.clean) expect(containsCprNumber(s), s).toBe(false);
  });

  it('phone numbers', () => {
    for (const s of vectors.phone.valid) expect(validatePhone(s), s).toBeNull();
    for (const s of vectors.phone.invalid) expect(validatePhone(s), s).not.toBeNull();
  });

  it('e-mail addresses', () => {
    for (const s of vectors.email.valid) expect(validateEmail(s), s).toBeNull();
    for (const s of vectors.email.invalid) expect(validateEmail(s), s).not.toBeNull();
  });

  it('control characters in single-line and multi-line text', () => {
    for (const s of vectors.single_line.valid) expect(validateCallerName(s), JSON.stringify(s)).toBeNull();
    for (const s of vectors.single_line.invalid) expect(validateCallerName(s), JSON.stringify(s)).not.toBeNull();
    for (const s of vectors.multi_line.valid) expect(validateNote(s), JSON.stringify(s)).toBeNull();
    for (const s of vectors.multi_line.invalid) expect(validateNote(s), JSON.stringify(s)).not.toBeNull();
  });

  it('text of only spaces and invisible characters is empty', () => {
    for (const s of vectors.empty) {
      expect(validatePseudonym(s), JSON.stringify(s)).toBe('Skriv initialer eller et pseudonym.');
      expect(validateDescription(s), JSON.stringify(s)).toBe('Beskriv bekymringen.');
      expect(validateCallerName(s), JSON.stringify(s)).toBeNull();
      expect(validatePhone(s), JSON.stringify(s)).toBeNull();
    }
  });
});
