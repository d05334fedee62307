import { createHmac } from 'node:crypto';

/**
 * Subject ids in the access log are pseudonyms: HMAC-SHA256 under a secret key, so the log names no
 * person, one subject keeps one pseudonym across reads and agencies, and only who holds the key (the api
 * and the worker's relay) can turn a subject id into the pseudonym to search for. Changing the key
 * orphans older lines.
 */
export class SubjectPseudonym {
  constructor(private readonly key: string) {}

  of(subjectId: string): string {
    return createHmac('sha256', this.key).update(subjectId, 'utf8').digest('hex');
  }
}
