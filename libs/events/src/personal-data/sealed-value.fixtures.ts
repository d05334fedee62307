import { createCipheriv, randomBytes } from 'node:crypto';
import type { SealedValueV1, SubjectKey } from './sealed-value.js';

/**
 * Values in sealing format 1 exactly as the release before format 2 stored them: made by that release's
 * `seal` (commit 1176b55) and copied here as text, so that a change to the opening code that stops reading
 * what is already in an append-only store fails a test. The keys are fixed (SHA-256 of a label) so that the
 * literals open; never change a byte of them.
 */
export const V1_KEYS: readonly SubjectKey[] = [
  {
    id: 'anna.1',
    key: Buffer.from('37714f8336021387dcc1a3cfd3f080b1bc71a96a67f7b7a62d8c6a6c2e1fa4a3', 'hex'),
  },
  {
    id: 'piotr.1',
    key: Buffer.from('9ae509aeef7bd1401751ff8cc9407b70981a55eeec37d73a813495618b9c57b0', 'hex'),
  },
  {
    id: 'act.1',
    key: Buffer.from('ef874fe39daf6e7c40f1f495fe7460d9ee8aaa3bd314944e9a5ad4d3de0beffa', 'hex'),
  },
];

/** '111222333' sealed under anna.1. */
export const V1_ONE_KEY: SealedValueV1 = {
  $sealed: 1,
  keys: ['anna.1'],
  value: 'pboqzMoS9LVxE1vFNNi1ZYaokF_e2bkSZezb-zcw2cJPHByc_rgP',
};
export const V1_ONE_KEY_PLAIN = '111222333';

/** An object sealed under act.1, then piotr.1, then anna.1 (the order the list gives, innermost first). */
export const V1_THREE_KEYS: SealedValueV1 = {
  $sealed: 1,
  keys: ['act.1', 'piotr.1', 'anna.1'],
  value:
    '-DihnCYdVBw7GmDJJ15v0REqH_W8m6-YG5-GGdVkx5ljHwVYxR8smcTc8K1ArJ9exIJCJ76po01laNdZ9nXIYQ5LdguUAbdufGFPss6D3bbXx23TbOMfU5xQTwaCHrhMNsBNJHWI4AcFUfjBb-YcHhPkGBPgXAdXDo37jiwlqK1t5z7_5BcqCC2rHWow51Ch192p',
};
export const V1_THREE_KEYS_PLAIN = { description: 'Anna and Piotr share a room', bsn: '111222333' };

/**
 * The previous release's `seal` (format 1, one AES-256-GCM layer per key, the key's id as associated data),
 * kept verbatim for tests that store what that release stored under keys of their own. Nothing but tests
 * may write format 1.
 */
export function sealV1(value: unknown, keys: readonly SubjectKey[]): SealedValueV1 {
  if (keys.length === 0) throw new Error('A value is sealed under at least one subject key.');
  let layer = Buffer.from(JSON.stringify(value), 'utf8');
  for (const { id, key } of keys) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(id, 'utf8'));
    layer = Buffer.concat([iv, cipher.update(layer), cipher.final(), cipher.getAuthTag()]);
  }
  return { $sealed: 1, keys: keys.map(({ id }) => id), value: layer.toString('base64url') };
}
