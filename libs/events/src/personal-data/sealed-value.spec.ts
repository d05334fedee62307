import { createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConfiguredMasterKey, KeyUnavailableError, masterKeyIdOf } from './key-provider.js';
import {
  V1_KEYS,
  V1_ONE_KEY,
  V1_ONE_KEY_PLAIN,
  V1_THREE_KEYS,
  V1_THREE_KEYS_PLAIN,
  sealV1,
} from './sealed-value.fixtures.js';
import {
  type ContentKeys,
  ERASED,
  isErased,
  isSealed,
  open,
  seal,
  type SealedValue,
  type SubjectKey,
} from './sealed-value.js';

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
    expect(isSealed({ $sealed: 3, keys: ['a'], value: 'x' })).toBe(false);
    expect(isSealed({ $sealed: 2, keys: [], value: 'x' })).toBe(false);
    expect(isSealed('111222333')).toBe(false);
    expect(isErased({ $erased: 'yes' })).toBe(false);
  });
});

/** What GCM's final says when a tag does not match: the one error a tampered value, of either format, throws. */
const TAMPERED = /unable to authenticate data/;

/** The value with one bit of its ciphertext flipped (past the iv, before the tag). */
function flipped(sealed: SealedValue): SealedValue {
  const bytes = Buffer.from(sealed.value, 'base64url');
  bytes[12]! ^= 1;
  return { ...sealed, value: bytes.toString('base64url') };
}

describe('sealing format 2: one encryption under a key derived from all the subject keys', () => {
  const anna = subject('anna.1');
  const piotr = subject('piotr.1');
  const act = subject('act.1');
  const all = keyOf(anna, piotr, act);

  it('given one key or three, when sealed, then it is format 2 with the ids sorted, and opens to what was written', () => {
    const one = seal('111222333', [anna]);
    expect(one).toMatchObject({ $sealed: 2, keys: ['anna.1'] });
    expect(open(one, all)).toBe('111222333');
    const value = { description: 'Anna and Piotr share a room', bsn: '111222333' };
    const three = seal(value, [piotr, act, anna]);
    expect(three).toMatchObject({ $sealed: 2, keys: ['act.1', 'anna.1', 'piotr.1'] });
    expect(open(three, all)).toEqual(value);
  });

  it('given three keys, when sealed, then the value grows by an iv and a tag once, not once per key', () => {
    const text = JSON.stringify({ description: 'Anna and Piotr share a room' });
    for (const keys of [[anna], [anna, piotr, act]]) {
      const sealed = seal(JSON.parse(text), keys);
      expect(Buffer.from(sealed.value, 'base64url').length).toBe(Buffer.byteLength(text) + 12 + 16);
    }
  });

  it('given a value about three people, when any one key is gone, then it reads as erased, not as an error', () => {
    const three = seal('Anna and Piotr share a room', [act, piotr, anna]);
    expect(open(three, keyOf(piotr, act))).toBe(ERASED);
    expect(open(three, keyOf(anna, act))).toBe(ERASED);
    expect(open(three, keyOf(anna, piotr))).toBe(ERASED);
    expect(open(three, keyOf())).toBe(ERASED);
  });

  it('given its key list reordered, cut, extended or renamed in storage, when opened, then it throws as a tampered value does', () => {
    const three = seal('Anna and Piotr share a room', [act, piotr, anna]);
    const other = subject('other.1');
    const withOther = keyOf(anna, piotr, act, other);
    for (const keys of [
      ['anna.1', 'act.1', 'piotr.1'],
      ['piotr.1', 'anna.1', 'act.1'],
      ['act.1', 'anna.1'],
      ['act.1', 'anna.1', 'other.1', 'piotr.1'],
      ['act.1', 'other.1', 'piotr.1'],
      ['act.1', 'anna.1', 'anna.1', 'piotr.1'],
    ]) {
      expect(() => open({ ...three, keys }, withOther)).toThrow(TAMPERED);
    }
    // The same key bytes under another id do not open it either: the ids are bound, not only the keys.
    const renamed = { ...three, keys: ['act.1', 'anna.1', 'x.1'] };
    expect(() => open(renamed, (id) => (id === 'x.1' ? piotr.key : all(id)))).toThrow(TAMPERED);
    expect(() => open(flipped(three), all)).toThrow(TAMPERED);
    expect(() => open(seal('Anna K.', [anna]), () => piotr.key)).toThrow(TAMPERED);
  });

  it('given many values sealed in a row, when their ivs are compared, then no two are alike, across the pool of random ivs', () => {
    const key = [{ id: 'k', key: randomBytes(32) }];
    const ivs = Array.from({ length: 1000 }, () =>
      Buffer.from(seal('x', key).value, 'base64url').subarray(0, 12).toString('hex'),
    );
    expect(new Set(ivs).size).toBe(1000);
  });

  it('is the documented composition: AES-256-GCM under HKDF-SHA256 of the sorted keys, info and associated data from the ids', () => {
    const sealed = seal({ name: 'Anna' }, [piotr, anna]);
    const context = `keten/sealed/2\0${JSON.stringify(['anna.1', 'piotr.1'])}`;
    const info = createHash('sha256').update(context).digest();
    const ikm = Buffer.concat([anna.key, piotr.key]);
    const key = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), info, 32));
    const bytes = Buffer.from(sealed.value, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    expect(JSON.parse(plain.toString('utf8'))).toEqual({ name: 'Anna' });
  });

  it('given content keys shared by a batch, when a key is gone, then its values still read as erased', () => {
    const contentKeys: ContentKeys = new Map();
    const both = seal('Anna and Piotr', [anna, piotr], contentKeys);
    const again = seal('Piotr and Anna', [piotr, anna], contentKeys);
    expect(contentKeys.size).toBe(1);
    expect(open(both, all, contentKeys)).toBe('Anna and Piotr');
    expect(open(again, all, contentKeys)).toBe('Piotr and Anna');
    expect(open(both, keyOf(anna), contentKeys)).toBe(ERASED);
  });

  it('given any JSON value and any set of keys, then it opens to the value, and to the marker without any one key', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}\.[1-9]$/), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.jsonValue(), ids, fc.nat(), (value, keyIds, pick) => {
        const keys = keyIds.map(subject);
        const sealed = seal(value, keys);
        expect(sealed.keys).toEqual([...keyIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(open(sealed, keyOf(...keys))).toEqual(JSON.parse(JSON.stringify(value)));
        const without = keys.filter((_, index) => index !== pick % keys.length);
        expect(open(sealed, keyOf(...without))).toBe(ERASED);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sealing format 1, as stored before format 2', () => {
  const all = keyOf(...V1_KEYS);
  const [anna, piotr, act] = V1_KEYS as [SubjectKey, SubjectKey, SubjectKey];

  it('given values the previous release sealed, when opened, then they read as they were written', () => {
    expect(isSealed(V1_ONE_KEY) && isSealed(V1_THREE_KEYS)).toBe(true);
    expect(open(V1_ONE_KEY, all)).toBe(V1_ONE_KEY_PLAIN);
    expect(open(V1_THREE_KEYS, all)).toEqual(V1_THREE_KEYS_PLAIN);
  });

  it('given any one of their keys gone, when opened, then they read as erased', () => {
    expect(open(V1_ONE_KEY, keyOf(piotr, act))).toBe(ERASED);
    expect(open(V1_THREE_KEYS, keyOf(piotr, act))).toBe(ERASED);
    expect(open(V1_THREE_KEYS, keyOf(anna, act))).toBe(ERASED);
    expect(open(V1_THREE_KEYS, keyOf(anna, piotr))).toBe(ERASED);
  });

  it('given the previous release’s seal kept for tests, then what it seals opens as the stored values do', () => {
    const sealed = sealV1(V1_THREE_KEYS_PLAIN, [act, piotr, anna]);
    expect(sealed).toMatchObject({ $sealed: 1, keys: V1_THREE_KEYS.keys });
    expect(Buffer.from(sealed.value, 'base64url').length).toBe(
      Buffer.from(V1_THREE_KEYS.value, 'base64url').length,
    );
    expect(open(sealed, all)).toEqual(V1_THREE_KEYS_PLAIN);
  });

  it('given a value or key list altered, when opened, then it throws as format 2 does', () => {
    expect(() => open(flipped(V1_THREE_KEYS), all)).toThrow(TAMPERED);
    expect(() => open({ ...V1_THREE_KEYS, keys: ['anna.1', 'piotr.1', 'act.1'] }, all)).toThrow(TAMPERED);
    // Read as format 2 (the version number altered), it does not open either.
    expect(() => open({ ...V1_ONE_KEY, $sealed: 2 }, all)).toThrow(TAMPERED);
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
