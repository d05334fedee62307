import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A data key as stored: wrapped by a master key, with the id of the master key that wrapped it. */
export interface WrappedKey {
  readonly masterKeyId: string;
  readonly wrapped: Buffer;
}

/**
 * The port behind which the master key lives. keten never stores a data subject's key in the clear: it
 * asks the provider to wrap a new one and to unwrap a stored one. `context` (the subject key's id) is bound
 * into the wrapping, so a wrapped key copied onto another subject's row does not unwrap. A KMS or HSM
 * replaces ConfiguredMasterKey by implementing these two calls (README, "Keys").
 */
export interface KeyProvider {
  /** The master key new keys are wrapped with. */
  readonly currentMasterKeyId: string;
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  unwrap(key: WrappedKey, context: string): Promise<Buffer>;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnavailableError';
  }
}

/**
 * Master keys from configuration (MASTER_KEYS): the first wraps new keys, the others still unwrap what they
 * wrapped, so a master key can be rotated by putting a new one first and rewrapping at leisure. AES-256-GCM
 * from Node's crypto.
 */
export class ConfiguredMasterKey implements KeyProvider {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentMasterKeyId: string;

  constructor(masterKeys: readonly Buffer[]) {
    if (masterKeys.length === 0 || masterKeys.some((key) => key.length !== 32)) {
      throw new KeyUnavailableError('A master key is 32 bytes; generate one with: openssl rand -base64 32');
    }
    this.keys = new Map(masterKeys.map((key) => [masterKeyIdOf(key), key]));
    this.currentMasterKeyId = masterKeyIdOf(masterKeys[0]!);
  }

  wrap(dataKey: Buffer, context: string): Promise<WrappedKey> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentMasterKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const wrapped = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return Promise.resolve({ masterKeyId: this.currentMasterKeyId, wrapped });
  }

  unwrap(key: WrappedKey, context: string): Promise<Buffer> {
    const master = this.keys.get(key.masterKeyId);
    if (!master) {
      return Promise.reject(
        new KeyUnavailableError(
          `Master key ${key.masterKeyId} is not configured; add it to MASTER_KEYS to read what it wrapped.`,
        ),
      );
    }
    const iv = key.wrapped.subarray(0, IV_BYTES);
    const tag = key.wrapped.subarray(key.wrapped.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, master, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      const body = key.wrapped.subarray(IV_BYTES, key.wrapped.length - TAG_BYTES);
      return Promise.resolve(Buffer.concat([decipher.update(body), decipher.final()]));
    } catch {
      return Promise.reject(new KeyUnavailableError(`The wrapped key of ${context} does not unwrap.`));
    }
  }
}

/** A master key's public name: a digest prefix, so logs and rows can name it without revealing it. */
export function masterKeyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
