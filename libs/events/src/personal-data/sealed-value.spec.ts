import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfiguredMasterKey, KeyUnavailableError, masterKeyIdOf } from './key-provider.js';
import { ERASED, isErased, isSealed, open, seal, type SubjectKey } from './sealed-value.js';

const keyOf =
  (...keys: SubjectKey[]) =>
  (id: string) =>
    keys.find((k) => k.id === id)?.key;
const subject = (id: string): SubjectKey => ({ id, key: randomBytes(32) });

describe('a sealed personal value', () => {
  const anna = subject('anna.1');
  const piotr = subject('piotr.1');

  it('given a BSN sealed under its subject’s key, when stored, then the text holds neither the value nor the key', () => {
    const sealed = seal('111222333', [anna]);
    const stored = JSON.stringify(sealed);
    expect(isSealed(sealed)).toBe(true);
    expect(stored).not.toContain('111222333');
    expect(stored).not.toContain(anna.key.toString('base64url'));
    expect(sealed.keys).toEqual(['anna.1']);
  });

  it('given the key, when opened, then it reads as it was written, whatever JSON it was', () => {
    for (const value of ['Anna K.', 42, { name: 'Anna', bsn: '111222333' }, ['a', 'b'], null]) {
      expect(open(seal(value, [anna]), keyOf(anna))).toEqual(value);
    }
  });

  it('given the subject’s key is gone, when opened, then it reads as erased, not as an error', () => {
    const opened = open(seal('Anna K.', [anna]), keyOf());
    expect(opened).toBe(ERASED);
    expect(isErased(opened)).toBe(true);
  });

  it('given a value about two people, when either key is gone, then it reads as erased', () => {
    const both = seal('Anna and Piotr share a room', [anna, piotr]);
    expect(open(both, keyOf(anna, piotr))).toBe('Anna and Piotr share a room');
    expect(open(both, keyOf(anna))).toBe(ERASED);
    expect(open(both, keyOf(piotr))).toBe(ERASED);
  });

  it('given another subject’s key under the same id, when opened, then it throws: corruption is not erasure', () => {
    const sealed = seal('Anna K.', [anna]);
    expect(() => open(sealed, () => piotr.key)).toThrow();
    // A key of the right bytes moved to another id does not open it either (the id is associated data).
    const moved = { ...sealed, keys: ['piotr.1'] };
    expect(() => open(moved, () => anna.key)).toThrow();
  });

  it('given the same value twice, when sealed, then the two differ (a fresh iv each time): equal values are not linkable', () => {
    expect(seal('111222333', [anna]).value).not.toBe(seal('111222333', [anna]).value);
  });

  it('is told apart from data that only looks like it', () => {
    expect(isSealed({ $sealed: 1, keys: [], value: 'x' })).toBe(false);
    expect(isSealed({ $sealed: 2, keys: ['a'], value: 'x' })).toBe(false);
    expect(isSealed('111222333')).toBe(false);
    expect(isErased({ $erased: 'yes' })).toBe(false);
  });
});

describe('the configured master key', () => {
  const master = randomBytes(32);
  const provider = new ConfiguredMasterKey([master]);

  it('given a subject key, when wrapped and unwrapped for the same subject, then it is the same key', async () => {
    const key = randomBytes(32);
    const wrapped = await provider.wrap(key, 'anna.1');
    expect(wrapped.masterKeyId).toBe(masterKeyIdOf(master));
    expect(wrapped.wrapped.includes(key)).toBe(false);
    expect(await provider.unwrap(wrapped, 'anna.1')).toEqual(key);
  });

  it('given a wrapped key copied onto another subject, when unwrapped, then it refuses', async () => {
    const wrapped = await provider.wrap(randomBytes(32), 'anna.1');
    await expect(provider.unwrap(wrapped, 'piotr.1')).rejects.toBeInstanceOf(KeyUnavailableError);
  });

  it('given a rotation (a new master key first), when reading, then old keys still unwrap and new ones use the new key', async () => {
    const old = await provider.wrap(randomBytes(32), 'anna.1');
    const next = randomBytes(32);
    const rotated = new ConfiguredMasterKey([next, master]);
    expect(await rotated.unwrap(old, 'anna.1')).toEqual(await provider.unwrap(old, 'anna.1'));
    expect((await rotated.wrap(randomBytes(32), 'piotr.1')).masterKeyId).toBe(masterKeyIdOf(next));
  });

  it('given a master key that is no longer configured, when unwrapping, then it says which key to add', async () => {
    const old = await provider.wrap(randomBytes(32), 'anna.1');
    await expect(new ConfiguredMasterKey([randomBytes(32)]).unwrap(old, 'anna.1')).rejects.toThrow(
      new RegExp(`${masterKeyIdOf(master)} is not configured.*MASTER_KEYS`),
    );
  });

  it('refuses a master key that is not 32 bytes, with how to make one', () => {
    expect(() => new ConfiguredMasterKey([randomBytes(16)])).toThrow(/openssl rand -base64 32/);
    expect(() => new ConfiguredMasterKey([])).toThrow(KeyUnavailableError);
  });
});
