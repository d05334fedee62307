import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, createKafka, dataSourceOptions, loadConfig } from '#platform';
import { configuredEventStore, SubjectPseudonym } from '#events';
import { ActivityRegister } from '#read-models';
import { FeedPublisher } from '../feed-publisher.js';
import { RelayAccessLog } from '../relay-access-log.js';
import { relayEntries } from '../relay-entries.js';
import { deadLetters } from './dead-letter.table.js';

/**
 * `npm run relay:replay-dead-letters`: once the cause is fixed (a topic's max.message.bytes raised, say),
 * publishes every dead letter again, each in feed order, with the relay's own publisher. A consumer then
 * sees it after entries that came later (its `sequence` says where it belongs). Entries refused again stay
 * dead letters, one attempt more. Exit status 0 when all went out, 1 when some were refused again.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions(config, { poolSize: 2 })).initialize();
  const publisher = new FeedPublisher(createKafka(config), config.feedRelay);
  const store = configuredEventStore(db, config);
  const accessLog = new RelayAccessLog(
    new SubjectPseudonym(config.accessLogPseudonymKey),
    new ActivityRegister(store),
  );
  try {
    const pending = await deadLetters.pending(db.manager);
    if (pending.length === 0) {
      console.log('[replay] no dead letters: nothing to replay');
      return 0;
    }
    // As the relay would publish them now: a dead letter whose agency lost its primary category since is
    // settled without being published.
    const { entries, withheld } = await relayEntries.at(
      db.manager,
      store,
      pending.map((letter) => letter.feedSeq),
      config.feedRelay.activityOf,
    );
    const refused = await publisher.publish(entries);
    const refusedSeqs = new Set(refused.map((refusal) => refusal.entry.feedSeq));
    const replayed = entries.filter((entry) => !refusedSeqs.has(entry.feedSeq));
    await db.transaction(async (tx) => {
      await deadLetters.markReplayed(tx, [...replayed.map((entry) => entry.feedSeq), ...withheld]);
      await accessLog.record(tx, replayed);
      await deadLetters.record(
        tx,
        refused.map(({ entry, topic, reason, detail }) => ({
          feedSeq: entry.feedSeq,
          agency: entry.agency,
          eventId: entry.eventId,
          topic,
          reason,
          detail,
        })),
      );
    });
    for (const entry of replayed) {
      console.log(
        `[replay] feed entry ${entry.feedSeq} (event ${entry.eventId}) published to ${publisher.topicOf(entry.agency)}`,
      );
    }
    for (const { entry, topic, reason, detail } of refused) {
      console.error(
        `[replay] feed entry ${entry.feedSeq} (event ${entry.eventId}) refused again by ${topic}: ${reason} (${detail}); fix the cause and run this again`,
      );
    }
    for (const feedSeq of withheld) {
      console.log(`[replay] feed entry ${feedSeq} not published: its agency may no longer see it`);
    }
    console.log(
      `[replay] ${replayed.length} replayed, ${withheld.length} withheld now, ${refused.length} refused again`,
    );
    return refused.length === 0 ? 0 : 1;
  } finally {
    await publisher.close();
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `[replay] could not replay the dead letters: ${(error as Error).message}; nothing was marked replayed, try again once Kafka answers`,
    );
    process.exit(2);
  },
);
