import { describe, expect, it } from 'vitest';
import { createSealer, generateSecretKey } from './sealer.js';

describe('sealer', () => {
  const sealer = createSealer(generateSecretKey());

  it('opens what it sealed, with a fresh IV each time', () => {
    const a = sealer.seal('postgres://u:p@h/db');
    expect(a).not.toContain('postgres');
    expect(a).not.toBe(sealer.seal('postgres://u:p@h/db'));
    expect(sealer.open(a)).toBe('postgres://u:p@h/db');
  });

  it('refuses a value sealed under another key or tampered with', () => {
    const other = createSealer(generateSecretKey());
    expect(() => other.open(sealer.seal('x'))).toThrow();
    const sealed = sealer.seal('secret');
    expect(() => sealer.open(`${sealed.slice(0, -2)}AA`)).toThrow();
    expect(() => sealer.open('plain')).toThrow('not a sealed value');
  });

  it('derives stable secrets per label and key', () => {
    expect(sealer.derive('a')).toBe(sealer.derive('a'));
    expect(sealer.derive('a')).not.toBe(sealer.derive('b'));
  });

  it('rejects a key of the wrong size', () => {
    expect(() => createSealer('abcd')).toThrow('32 bytes');
  });
});
