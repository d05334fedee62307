import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import {
  CommandExecutor,
  configuredEventStore,
  erasureStreams,
  personalDataVault,
  PersonalDataVault,
} from '#events';
import { loadConfig } from '#platform';
import { rebuildReadModels } from '#read-models';
import { graphql } from '../../support/graphql-client.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { tokenFor } from '../../support/test-tokens.js';
import {
  deleteTopics,
  FeedMessage,
  readTopic,
  relayCaughtUp,
  testKafka,
  uniqueTopicPrefix,
} from '../../integration/relay/feed-topics.fixture.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';

/** A valid BSN of this run's own (the eleven-test), so that no other test's data can contain it. */
function freshBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    const sum = digits.reduce((total, digit, i) => total + digit * (9 - i), 0);
    const last = sum % 11;
    if (last < 10 && digits[0] !== 0) return [...digits, last].join('');
  }
}

const officer = (agency: string, userId: string) => ({
  actor: { userId, agency, role: 'PRIVACY_OFFICER' },
  eventActor: { userId, agency, role: 'PRIVACY_OFFICER' },
});

/**
 * Issue 19's done-means for an erasure, through the real api, worker and Kafka relay with the demo
 * agreements: a person X named in two activations, beside a person Y, is erased by BSN (asked for by one
 * privacy officer, approved by another); then X's BSN, name and every planted value are absent from every
 * read path of every agency, from every table of the database searched as text, after a rebuild from
 * zero too, and from what the relay sends from then on; the timelines say personal data was erased; Y
 * is still there.
 */
describe('an erasure, everywhere', () => {
  const prefix = uniqueTopicPrefix();
  const scenario = new FeedsScenario({ FEED_TOPIC_PREFIX: prefix });
  let kafka: Kafka;
  let vault: PersonalDataVault;
  const run = randomUUID().slice(0, 8);
  const X = {
    bsn: freshBsn(),
    name: `Xaver Planted${run}`,
    health: `hoest-${run}`,
    crime: `paspoort-${run}`,
  };
  const Y = { bsn: freshBsn(), name: `Yvonne Kept${run}` };
  const [A1, A2] = [`erasure-a-${run}`, `erasure-b-${run}`];
  const planted = [X.bsn, X.name, X.health, X.crime];
  const AGENCIES = ['NLA', 'GM0599', 'UWV', 'BD', 'VR17'];
  const sentBefore = new Map<string, Set<string>>();

  const timeline = async (agency: string, activationId: string) => {
    const { data, errors } = await graphql<{
      timeline: { edges: { node: { type: string; payload: unknown; withheld: string[] } }[] };
    }>(
      scenario.url,
      `
        query ($id: ID!) {
          timeline(activationId: $id, first: 100) {
            edges {
              node {
                type
                payload
                withheld
              }
            }
          }
        }
      `,
      { id: activationId },
      scenario.tokens[agency],
    );
    // An activation the agency does not take part in is not found for it, before as after.
    if (errors?.[0]?.extensions?.code === 'NOT_FOUND') return [];
    expect(errors).toBeUndefined();
    return data!.timeline.edges.map((edge) => edge.node);
  };
  /** Everything an agency's reads answer of the two activations, as one text. */
  const everythingReadBy = async (agency: string): Promise<string> => {
    const answers = [];
    for (const id of [A1, A2]) {
      answers.push(await timeline(agency, id));
      answers.push(
        await graphql(
          scenario.url,
          `
            query ($id: ID!) {
              activation(id: $id) {
                title
                location {
                  address
                }
                employer {
                  name
                }
              }
            }
          `,
          { id },
          scenario.tokens[agency],
        ),
      );
    }
    for (const query of [X.bsn, X.name.split(' ')[1]!]) {
      answers.push(
        await graphql(
          scenario.url,
          `
            query ($q: String!) {
              searchActivations(query: $q, first: 20) {
                edges {
                  node {
                    persons {
                      name
                      bsn
                    }
                    activation {
                      id
                    }
                  }
                }
              }
            }
          `,
          { q: query },
          scenario.tokens[agency],
        ),
      );
    }
    answers.push(await scenario.feedOf(agency));
    return JSON.stringify(answers);
  };
  /** The answer NLA's privacy officer gets to the person's access request (AVG art. 15), decoded. */
  const accessRequest = async (): Promise<string> => {
    const token = await tokenFor({ userId: 'fg@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
    const { data, errors } = await graphql<{ subjectAccessRequest: { base64: string } }>(
      scenario.url,
      `
        query ($bsn: String!) {
          subjectAccessRequest(bsn: $bsn, format: JSON) {
            base64
          }
        }
      `,
      { bsn: X.bsn },
      token,
    );
    expect(errors).toBeUndefined();
    return Buffer.from(data!.subjectAccessRequest.base64, 'base64').toString('utf8');
  };
  /** Every row of every table of the database as text, with the table's name. */
  const databaseAsText = async (): Promise<Map<string, string>> => {
    const db = scenario.database.dataSource;
    const tables: { name: string }[] = await db.query(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const text = new Map<string, string>();
    for (const { name } of tables) {
      const [{ rows }] = await db.query(
        `SELECT coalesce(string_agg(t::text, E'\\n'), '') AS rows FROM ${name} t`,
      );
      text.set(name, rows as string);
    }
    return text;
  };
  const tablesHolding = (text: Map<string, string>, values: string[]) =>
    [...text].flatMap(([table, rows]) => values.filter((v) => rows.includes(v)).map((v) => `${table}: ${v}`));

  beforeAll(async () => {
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await scenario.start();
    vault = personalDataVault(scenario.database.dataSource, loadConfig(scenario.database.env));
    await scenario.openActivation(A1, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV', 'BD'],
    });
    await scenario.openActivation(A2, { region: 'VR17', municipality: 'GM0599', joining: ['UWV'] });
    await scenario.act('NLA', 'recordSignal', {
      activationId: A1,
      signalId: 's-1',
      source: { kind: 'EXTERNAL', name: 'FNV Bouw' },
      description: `${X.name} en ${Y.name} slapen in een loods.`,
      descriptionCategories: ['PERSONAL', 'LOCATION'],
      subjects: [
        { subjectId: 'x', name: X.name, bsn: X.bsn, nationality: 'PL' },
        { subjectId: 'y', name: Y.name, bsn: Y.bsn, nationality: 'RO' },
      ],
    });
    await scenario.act('NLA', 'recordFinding', {
      activationId: A1,
      findingId: 'f-health',
      category: 'HEALTH',
      description: `Klachten: ${X.health}.`,
      descriptionCategories: ['HEALTH'],
      subjects: [{ subjectId: 'x', name: X.name, bsn: X.bsn }],
      confirmedInfection: true,
    });
    await scenario.act('NLA', 'recordFinding', {
      activationId: A2,
      findingId: 'f-crime',
      category: 'CRIMINAL',
      description: `Ingehouden: ${X.crime}.`,
      descriptionCategories: ['CRIMINAL'],
      subjects: [{ subjectId: 'x2', name: X.name, bsn: X.bsn }],
    });
    const [last] = await scenario.act('NLA', 'recordSignal', {
      activationId: A2,
      signalId: 's-2',
      source: { kind: 'EXTERNAL', name: 'Buurtbewoner' },
      description: 'Busjes rijden af en aan.',
      descriptionCategories: ['CASE'],
    });
    await scenario.fedTo('UWV', last!, 20_000);
    // Before: the person is there to be erased (else every absence below would prove nothing).
    expect(await everythingReadBy('NLA')).toContain(X.name);
    expect(await accessRequest()).toContain(X.crime);
    expect(tablesHolding(await databaseAsText(), [X.name])).not.toEqual([]);
    // What was fed before the erasure is on the topics first (the relay may still be sending it, in the
    // clear, as it may before an erasure): only what the relay sends after the snapshot counts as after.
    await eventually(() => relayCaughtUp(scenario.database.dataSource), 30_000);
    for (const agency of AGENCIES) {
      const messages = await readTopic(kafka, `${prefix}${agency}`);
      sentBefore.set(agency, new Set(messages.map((m) => m.event.id)));
    }

    const executor = new CommandExecutor(configuredEventStore(scenario.database.dataSource, loadConfig()));
    const erasures = erasureStreams(vault.pseudonyms);
    const now = () => new Date().toISOString();
    const erasureId = randomUUID();
    await executor.execute(
      erasures,
      {
        type: 'RequestErasure',
        erasureId,
        bsn: X.bsn,
        ground: 'UNLAWFULLY_PROCESSED',
        reason: 'Zonder grondslag vastgelegd.',
      },
      { ...officer('NLA', 'fg@nla'), now: now() },
    );
    await executor.execute(
      erasures,
      { type: 'ApproveErasure', erasureId, reason: 'Getoetst: grondslag ontbreekt.' },
      { ...officer('NLA', 'fg2@nla'), now: now() },
    );
    // The worker carries it out: both timelines say so.
    await eventually(async () => {
      const [one, two] = [await timeline('NLA', A1), await timeline('NLA', A2)];
      return [one, two].every((entries) => entries.some((e) => e.type === 'personal-data.erased'));
    }, 30_000);
  }, 240_000);

  afterAll(async () => {
    await scenario.stop();
    await deleteTopics(kafka, prefix);
  });

  it('leaves nothing of the person in any read of any agency, and says on every timeline that data was erased', async () => {
    for (const agency of AGENCIES) {
      const read = await everythingReadBy(agency);
      expect({ agency, found: planted.filter((value) => read.includes(value)) }).toEqual({
        agency,
        found: [],
      });
      const erased = (await timeline(agency, A1)).filter((e) => e.type === 'personal-data.erased');
      expect({ agency, erased: erased.length }).toEqual({ agency, erased: 1 });
    }
    // The person's access request finds nothing of them any more (the BSN asked for aside).
    const answer = await accessRequest();
    expect(planted.filter((value) => value !== X.bsn && answer.includes(value))).toEqual([]);
    // Y, beside X, is still there for those who may see persons; the free text naming both is erased.
    const signal = (await timeline('NLA', A1)).find((e) => e.type === 'signal.recorded')!;
    expect(signal.payload).toMatchObject({
      subjects: [
        { subjectId: { $erased: true }, name: { $erased: true }, bsn: { $erased: true } },
        { name: Y.name, bsn: Y.bsn },
      ],
      description: { text: { $erased: true } },
    });
  });

  it('leaves nothing of the person in any table of the database, nor after a rebuild from zero', async () => {
    expect(tablesHolding(await databaseAsText(), planted)).toEqual([]);
    const db = scenario.database.dataSource;
    await rebuildReadModels(db, configuredEventStore(db, loadConfig(scenario.database.env)), {
      batchSize: 5,
      databaseUrl: scenario.database.url,
      onProgress: () => undefined,
    });
    const text = await databaseAsText();
    expect(tablesHolding(text, planted)).toEqual([]);
    expect(tablesHolding(text, [Y.name]).length).toBeGreaterThan(0);
    expect((await everythingReadBy('NLA')).includes(X.name)).toBe(false);
  }, 120_000);

  it('sends from then on nothing of the person, and the erasure to every agency that received it', async () => {
    const erasedOn = (messages: FeedMessage[]) =>
      messages.filter((m) => m.event.type === 'nl.keten.personal-data.erased.v1').map((m) => m.event.subject);
    for (const agency of ['NLA', 'GM0599', 'UWV', 'BD']) {
      let messages: FeedMessage[] = [];
      await eventually(async () => {
        messages = await readTopic(kafka, `${prefix}${agency}`);
        return erasedOn(messages).length > 0;
      }, 30_000);
      const sent = JSON.stringify(messages.filter((m) => !sentBefore.get(agency)!.has(m.event.id)));
      expect({ agency, found: planted.filter((value) => sent.includes(value)) }).toEqual({
        agency,
        found: [],
      });
      expect({ agency, on: erasedOn(messages).sort() }).toEqual({
        agency,
        on: agency === 'GM0599' || agency === 'BD' ? [A1] : [A1, A2].sort(),
      });
    }
  }, 90_000);
});
