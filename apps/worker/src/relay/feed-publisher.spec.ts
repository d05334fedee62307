import { describe, expect, it } from '@jest/globals';
import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { permanentRefusal } from './feed-publisher.js';

/** kafkajs's error of a produce response, as the broker's error code makes it. */
const protocolError = (type: string, message: string, retriable: boolean) =>
  Object.assign(new KafkaJSProtocolError(message), { type, retriable });

describe('which broker errors make a dead letter', () => {
  it('takes a refusal of the record itself, also when kafkajs wraps it as non-retriable', () => {
    const tooLarge = protocolError(
      'MESSAGE_TOO_LARGE',
      'The request included a message larger than the max message size the server will accept',
      false,
    );
    expect(permanentRefusal(tooLarge)).toEqual({ reason: 'MESSAGE_TOO_LARGE', detail: tooLarge.message });
    expect(
      permanentRefusal(Object.assign(new KafkaJSNonRetriableError(tooLarge), { cause: tooLarge })),
    ).toEqual({
      reason: 'MESSAGE_TOO_LARGE',
      detail: tooLarge.message,
    });
  });

  it.each([
    [
      'an authorisation failure (an operator fixes the ACL)',
      protocolError('TOPIC_AUTHORIZATION_FAILED', 'no', false),
    ],
    ['a leader moving', protocolError('NOT_LEADER_OR_FOLLOWER', 'moved', true)],
    ['a broker that is away', new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092')],
  ])('retries %s instead', (_case, error) => {
    expect(permanentRefusal(error)).toBeUndefined();
  });
});
