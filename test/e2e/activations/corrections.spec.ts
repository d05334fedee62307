import { Kafka } from 'kafkajs';
import { configuredEventStore } from '#events';
import { loadConfig } from '#platform';
import { rebuildReadModels } from '#read-models';
import { readModelSnapshot } from '../../support/read-model-snapshot.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { tokenFor } from '../../support/test-tokens.js';
import {
  deleteTopics,
  FeedMessage,
  readTopic,
  testKafka,
  uniqueTopicPrefix,
} from '../../integration/relay/feed-topics.fixture.js';
import { eventually, FeedEntry, FeedsScenario } from '../feeds/feeds.fixture.js';
import { ActivationMutation, send } from './activation-mutations.fixture.js';

const ID = 'corrections-1';
const OLD_BSN = '111222333';
const NEW_BSN = '123456782';

interface Entry {
  eventId: string;
  type: string;
  payload: Record<string, unknown>;
  withheld: string[];
  corrected: boolean;
  correctedAt: string | null;
  withdrawn: boolean;
}

interface ActivationRow {
  region: string;
  municipality: string;
  location: { address: string | null } | null;
  employer: { name: string | null } | null;
  corrected: boolean;
  correctedAt: string | null;
}

/**
 * Corrections (AVG art. 16) through the real api, worker and Kafka relay, with the demo agreements: each
 * correction is seen corrected by every agency entitled to the original (activation, timeline, GraphQL
 * feed, Kafka topic), not by one that was not; who may not correct is refused with the rule, an entry of
 * another agency is answered as one that does not exist; the region's coordinator moves the case.
 */
describe('corrections', () => {
  const prefix = uniqueTopicPrefix();
  const scenario = new FeedsScenario({ FEED_TOPIC_PREFIX: prefix });
  let kafka: Kafka;

  const act = (agency: string, name: ActivationMutation, input: Record<string, unknown>) =>
    send(scenario.url, name, { activationId: ID, ...input }, scenario.tokens[agency]);
  const ok = async (agency: string, name: ActivationMutation, input: Record<string, unknown>) => {
    const { errors, result } = await act(agency, name, input);
    expect({ agency, name, errors }).toEqual({ agency, name, errors: undefined });
    return result!.eventIds;
  };
  const timeline = async (agency: string): Promise<Entry[] | undefined> => {
    const { data } = await graphql<{ timeline: { edges: { node: Entry }[] } }>(
      scenario.url,
      `
        query ($id: ID!) {
          timeline(activationId: $id, first: 100) {
            edges {
              node {
                eventId
                type
                payload
                withheld
                corrected
                correctedAt
                withdrawn
              }
            }
          }
        }
      `,
      { id: ID },
      scenario.tokens[agency],
    );
    return data?.timeline.edges.map((edge) => edge.node);
  };
  const activation = async (agency: string): Promise<GraphqlResponse<{ activation: ActivationRow }>> =>
    graphql<{ activation: ActivationRow }>(
      scenario.url,
      `
        query ($id: ID!) {
          activation(id: $id) {
            region
            municipality
            location {
              address
            }
            employer {
              name
            }
            corrected
            correctedAt
          }
        }
      `,
      { id: ID },
      scenario.tokens[agency],
    );
  /** Waits until the agency's timeline holds the event: the projector writes every agency's rows at once. */
  const projected = async (agency: string, eventId: string) =>
    eventually(async () => (await timeline(agency))?.some((e) => e.eventId === eventId) ?? false, 15_000);
  const entry = async (agency: string, type: string, id?: [string, string]) =>
    (await timeline(agency))?.find((e) => e.type === type && (!id || e.payload?.[id[0]] === id[1]));

  beforeAll(async () => {
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await scenario.start();
    // Recorded in Rotterdam (VR17, GM0599) though the site lies in Utrecht: the coordinator corrects it last.
    await scenario.openActivation(ID, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV', 'BD'],
    });
    await ok('NLA', 'recordSignal', {
      signalId: 's-1',
      source: { kind: 'EXTERNAL', name: 'FNV Bouw' },
      description: 'Arbeiders slapen in een loods.',
      descriptionCategories: ['LOCATION'],
      subjects: [{ subjectId: 'w1', name: 'Jan Kowalski', bsn: OLD_BSN, nationality: 'PL' }],
    });
    await ok('NLA', 'recordSignal', {
      signalId: 's-misfiled',
      source: { kind: 'EXTERNAL', name: 'Buurtbewoner' },
      description: 'Busjes rijden af en aan.',
      descriptionCategories: ['LOCATION'],
    });
    await ok('UWV', 'recordFinding', {
      findingId: 'f-income',
      category: 'INCOME',
      description: 'Uurloon onder het minimum.',
      descriptionCategories: ['INCOME'],
      amounts: [{ label: 'uurloon', euroCents: 980 }],
    });
    const [crim] = await ok('NLA', 'recordFinding', {
      findingId: 'f-crim',
      category: 'CRIMINAL',
      description: 'Paspoorten ingehouden door de werkgever.',
      descriptionCategories: ['CRIMINAL'],
    });
    await projected('NLA', crim);
  }, 180_000);

  afterAll(async () => {
    await scenario.stop();
    await deleteTopics(kafka, prefix);
  });

  it('shows a corrected person to every agency holding PERSONAL, and neither BSN to one without', async () => {
    const [corrected] = await ok('NLA', 'correctSubject', {
      entryKind: 'SIGNAL',
      entryId: 's-1',
      subject: { subjectId: 'w1', name: 'Jan Kowalsky', bsn: '1234.56.782', nationality: 'pl' },
      reason: 'BSN en naam verkeerd overgenomen van de loonstrook.',
    });
    await projected('NLA', corrected);
    for (const agency of ['NLA', 'GM0599', 'UWV']) {
      const signal = await entry(agency, 'signal.recorded', ['signalId', 's-1']);
      expect({ agency, signal }).toMatchObject({
        agency,
        signal: {
          corrected: true,
          correctedAt: expect.any(String),
          payload: { subjects: [{ subjectId: 'w1', name: 'Jan Kowalsky', bsn: NEW_BSN, nationality: 'PL' }] },
        },
      });
      const correction = await entry(agency, 'subject.corrected');
      expect({ agency, correction }).toMatchObject({
        agency,
        correction: {
          payload: {
            entryKind: 'SIGNAL',
            entryId: 's-1',
            subject: { bsn: NEW_BSN },
            reason: { text: 'BSN en naam verkeerd overgenomen van de loonstrook.' },
          },
        },
      });
    }
    // BD and the coordinator of VR17 hold no PERSONAL: they learn that a person was corrected, not who.
    for (const agency of ['BD', 'VR17']) {
      const text = JSON.stringify(await timeline(agency));
      expect({
        agency,
        old: text.includes(OLD_BSN),
        new: text.includes(NEW_BSN),
        name: /Kowalsk/.test(text),
      }).toEqual({ agency, old: false, new: false, name: false });
      const correction = await entry(agency, 'subject.corrected');
      expect(correction).toMatchObject({ payload: { entryId: 's-1', subject: null, reason: null } });
      expect(correction!.withheld).toContain('PERSONAL');
    }
    // The feeds carry the correction event, so the recipients' systems can follow (AVG art. 19).
    const fed = async (agency: string) => {
      await scenario.fedTo(agency, corrected);
      return (await scenario.feedOf(agency)).find((e: FeedEntry) => e.eventId === corrected)!;
    };
    expect((await fed('GM0599')).payload).toMatchObject({ subject: { bsn: NEW_BSN, name: 'Jan Kowalsky' } });
    expect((await fed('UWV')).payload).toMatchObject({ subject: { bsn: NEW_BSN } });
    const bd = await fed('BD');
    expect(JSON.stringify(bd)).not.toContain(NEW_BSN);
    expect(bd.withheld).toContain('PERSONAL');
  }, 60_000);

  it('logs every read of the corrected person under the corrected BSN, none by an agency that saw no person', async () => {
    const log = async (agency: string) => {
      const officer = await tokenFor({
        userId: `po@${agency.toLowerCase()}`,
        agency,
        role: 'PRIVACY_OFFICER',
      });
      const { data, errors } = await graphql<{ accessLog: { edges: { node: { categories: string[] } }[] } }>(
        scenario.url,
        `
          query ($filter: AccessLogFilter) {
            accessLog(filter: $filter, first: 100) {
              edges {
                node {
                  categories
                }
              }
            }
          }
        `,
        { filter: { bsn: NEW_BSN, activationId: ID } },
        officer,
      );
      expect(errors).toBeUndefined();
      return data!.accessLog.edges.map((edge) => edge.node);
    };
    // The test before read the timelines and feeds of NLA, GM0599, UWV and BD after the correction.
    for (const agency of ['NLA', 'GM0599', 'UWV']) {
      const lines = await log(agency);
      expect({ agency, logged: lines.length > 0 }).toEqual({ agency, logged: true });
      expect(lines.every((line) => line.categories.includes('PERSONAL'))).toBe(true);
    }
    expect(await log('BD')).toEqual([]);
  });

  it('shows a corrected INCOME finding to INCOME holders; to others neither it nor its correction exists', async () => {
    const [corrected] = await ok('UWV', 'correctFinding', {
      findingId: 'f-income',
      amounts: [{ label: 'uurloon', euroCents: 890 }],
      reason: 'Cijfers omgedraaid.',
      reasonCategories: ['INCOME'],
    });
    await projected('UWV', corrected);
    for (const agency of ['NLA', 'UWV', 'BD']) {
      const finding = await entry(agency, 'finding.recorded', ['findingId', 'f-income']);
      expect({ agency, finding }).toMatchObject({
        agency,
        finding: { corrected: true, payload: { amounts: [{ label: 'uurloon', euroCents: 890 }] } },
      });
      expect((await timeline(agency))!.some((e) => e.eventId === corrected)).toBe(true);
    }
    for (const agency of ['GM0599', 'VR17']) {
      const seen = (await timeline(agency))!;
      expect({ agency, types: seen.map((e) => e.type) }).toEqual({
        agency,
        types: expect.not.arrayContaining(['finding.recorded', 'finding.corrected']),
      });
    }
  }, 60_000);

  it('shows the corrected location to LOCATION holders in the activation and its timeline', async () => {
    const [corrected] = await ok('NLA', 'correctLocation', {
      location: { address: 'Havenstraat 21', postcode: '3011AB', city: 'Rotterdam' },
      reason: 'Huisnummer omgedraaid.',
      reasonCategories: ['LOCATION'],
    });
    await projected('NLA', corrected);
    for (const agency of ['NLA', 'GM0599', 'VR17']) {
      const { data } = await activation(agency);
      expect({ agency, row: data?.activation }).toMatchObject({
        agency,
        row: { location: { address: 'Havenstraat 21' }, corrected: true, correctedAt: expect.any(String) },
      });
      const opened = await entry(agency, 'activation.opened');
      expect(opened).toMatchObject({ corrected: true, payload: { location: { address: 'Havenstraat 21' } } });
    }
    for (const agency of ['UWV', 'BD']) {
      const { data } = await activation(agency);
      expect({ agency, location: data?.activation.location }).toEqual({ agency, location: null });
      expect(JSON.stringify(await timeline(agency))).not.toMatch(/Havenstraat/);
      expect(await entry(agency, 'location.corrected')).toMatchObject({ payload: { location: null } });
    }
  }, 60_000);

  it('shows the corrected employer to every agency', async () => {
    const [corrected] = await ok('NLA', 'correctEmployer', {
      employer: { name: 'Kas Westland BV', kvkNumber: '12345678' },
      reason: 'Verkeerde vennootschap van het concern.',
      reasonCategories: ['EMPLOYER'],
    });
    await projected('NLA', corrected);
    for (const agency of ['NLA', 'GM0599', 'UWV', 'BD', 'VR17']) {
      const { data } = await activation(agency);
      expect({ agency, employer: data?.activation.employer }).toEqual({
        agency,
        employer: { name: 'Kas Westland BV' },
      });
    }
  }, 60_000);

  it('marks a misfiled signal withdrawn for everyone who sees it', async () => {
    const [withdrawn] = await ok('NLA', 'withdrawEntry', {
      entryKind: 'SIGNAL',
      entryId: 's-misfiled',
      reason: 'Hoort bij de zaak in Schiedam.',
      reasonCategories: ['CASE'],
    });
    await projected('NLA', withdrawn);
    for (const agency of ['NLA', 'GM0599', 'UWV', 'BD', 'VR17']) {
      expect({
        agency,
        entry: await entry(agency, 'signal.recorded', ['signalId', 's-misfiled']),
      }).toMatchObject({
        agency,
        entry: { withdrawn: true },
      });
    }
    const { errors } = await act('NLA', 'correctSubject', {
      entryKind: 'SIGNAL',
      entryId: 's-misfiled',
      subject: { subjectId: 'w1', name: 'X' },
      reason: 'x',
    });
    expect(errors?.[0].extensions).toMatchObject({ reason: 'ENTRY_WITHDRAWN' });
  }, 60_000);

  describe('refusals', () => {
    const correctFinding = (agency: string, findingId: string) =>
      act(agency, 'correctFinding', { findingId, description: 'Anders.', reason: 'Fout.' });

    it('needs a reason', async () => {
      const missing = await act('NLA', 'correctLocation', {
        location: { address: 'Havenstraat 1', city: 'Rotterdam' },
      });
      expect(missing.errors?.[0].message).toMatch(/reason/);
      const empty = await act('NLA', 'correctLocation', {
        location: { address: 'Havenstraat 1', city: 'Rotterdam' },
        reason: '  ',
      });
      expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    });

    it("answers another agency's finding it may not see exactly as one that does not exist", async () => {
      const hidden = await correctFinding('UWV', 'f-crim');
      const absent = await correctFinding('UWV', 'f-nowhere');
      const shape = (r: GraphqlResponse) =>
        JSON.stringify(r.errors).replaceAll('f-crim', 'ID').replaceAll('f-nowhere', 'ID');
      expect(shape(hidden)).toBe(shape(absent));
      expect(hidden.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/only the agency that recorded a signal or finding may correct it/),
        extensions: { code: 'NOT_FOUND', reason: 'ENTRY_NOT_FOUND', field: 'entryId' },
      });
      // The same for an entry it does see but did not record: the recorder alone corrects.
      const notMine = await act('GM0599', 'correctSubject', {
        entryKind: 'SIGNAL',
        entryId: 's-1',
        subject: { subjectId: 'w1', name: 'X' },
        reason: 'Fout.',
      });
      expect(notMine.errors?.[0].extensions).toMatchObject({ reason: 'ENTRY_NOT_FOUND' });
    });

    it('says who may correct the location, employer and region', async () => {
      const location = await act('BD', 'correctLocation', {
        location: { address: 'Havenstraat 1', city: 'Rotterdam' },
        reason: 'Fout.',
      });
      expect(location.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^Only NLA, which recorded it and leads the activation, may correct/),
        extensions: { code: 'FORBIDDEN', reason: 'NOT_CORRECTION_AUTHORITY' },
      });
      const region = await act('NLA', 'correctRegion', {
        region: 'VR09',
        municipality: 'GM0344',
        reason: 'R.',
      });
      expect(region.errors?.[0].message).toMatch(/Only the coordinator of VR17 may correct the region/);
    });

    it('answers an agency that does not take part as for an activation that does not exist', async () => {
      const outsider = await correctFinding('SVB', 'f-income');
      const nowhere = await send(
        scenario.url,
        'correctFinding',
        { activationId: 'no-such-activation', findingId: 'f-income', description: 'A.', reason: 'F.' },
        scenario.tokens.SVB,
      );
      expect(outsider.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect(JSON.stringify(outsider.errors).replaceAll(ID, 'ID')).toBe(
        JSON.stringify(nowhere.errors).replaceAll('no-such-activation', 'ID'),
      );
    });
  });

  it("moves the case to the right region's coordinator when VR17's coordinator corrects the region", async () => {
    // VR09's coordinator does not see the case yet: answered as for one that does not exist.
    const before = await act('VR09', 'correctRegion', {
      region: 'VR09',
      municipality: 'GM0344',
      reason: 'R.',
    });
    expect(before.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });

    const [moved] = await ok('VR17', 'correctRegion', {
      region: 'vr09',
      municipality: 'gm0344',
      reason: 'De kas ligt in Utrecht, niet in Rotterdam.',
      reasonCategories: ['CASE'],
    });
    await projected('VR09', moved);
    const { data } = await activation('VR09');
    expect(data?.activation).toMatchObject({
      region: 'VR09',
      municipality: 'GM0344',
      location: { address: 'Havenstraat 21' },
      employer: { name: 'Kas Westland BV' },
      corrected: true,
    });
    // The new coordinator gets the whole history, corrections included, on its timeline and feed.
    const vr09 = (await timeline('VR09'))!;
    expect(vr09.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'activation.opened',
        'location.corrected',
        'subject.corrected',
        'region.corrected',
      ]),
    );
    expect(vr09.find((e) => e.type === 'activation.opened')).toMatchObject({
      corrected: true,
      payload: { region: 'VR09', location: { address: 'Havenstraat 21' } },
    });
    await scenario.fedTo('VR09', moved);
    // The old coordinator no longer sees it: not in its list, not by id; its feed tells it of the move.
    const gone = await activation('VR17');
    expect(gone.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const { data: list } = await graphql<{ activations: { edges: { node: { id: string } }[] } }>(
      scenario.url,
      'query { activations(first: 50) { edges { node { id } } } }',
      {},
      scenario.tokens.VR17,
    );
    expect(list?.activations.edges.map((e) => e.node.id)).not.toContain(ID);
    await scenario.fedTo('VR17', moved);
    for (const agency of ['NLA', 'GM0599', 'UWV', 'BD']) {
      const row = (await activation(agency)).data?.activation;
      expect({ agency, region: row?.region }).toEqual({ agency, region: 'VR09' });
    }
    // And a later event reaches VR09, not VR17.
    const [later] = await ok('NLA', 'recordSignal', {
      signalId: 's-after',
      source: { kind: 'EXTERNAL', name: 'FNV Bouw' },
      description: 'Nieuwe melding.',
      descriptionCategories: ['CASE'],
    });
    await scenario.fedTo('VR09', later);
    expect((await scenario.feedOf('VR17')).some((e) => e.eventId === later)).toBe(false);
    await projected('VR09', later);
  }, 60_000);

  it('rebuilds the read models from zero to exactly what was projected, corrections included', async () => {
    const db = scenario.database.dataSource;
    // The read models as compared elsewhere, and the marks of the corrections.
    const snapshot = async () => ({
      ...(await readModelSnapshot(db)),
      marks: await db.query(
        `SELECT agency, activation_id, stream_version, corrected_at, withdrawn_at FROM rm_timeline
         WHERE corrected_at IS NOT NULL OR withdrawn_at IS NOT NULL
         UNION ALL SELECT agency, activation_id, NULL, corrected_at, NULL FROM rm_activations
         WHERE corrected_at IS NOT NULL ORDER BY 1, 2, 3`,
      ),
    });
    const projectedNow = await snapshot();
    expect(projectedNow.marks.length).toBeGreaterThan(10);
    await rebuildReadModels(db, configuredEventStore(db, loadConfig()), {
      batchSize: 7,
      databaseUrl: scenario.database.url,
      onProgress: () => undefined,
    });
    const rebuilt = await snapshot();
    expect(rebuilt.activations).toEqual(projectedNow.activations);
    expect(rebuilt.timeline).toEqual(projectedNow.timeline);
    expect(rebuilt.marks).toEqual(projectedNow.marks);
  }, 60_000);

  it('publishes the corrections on the agencies’ Kafka topics, redacted as on their GraphQL feed', async () => {
    const types = (messages: FeedMessage[]) =>
      messages
        .filter((m) => m.event.subject === ID)
        .map((m) => m.event.type.replace(/^nl\.keten\.(.*)\.v\d+$/, '$1'));
    const expected = [
      'subject.corrected',
      'location.corrected',
      'employer.corrected',
      'entry.withdrawn',
      'region.corrected',
    ];
    /** The topic read to its end until it holds every type wanted (the relay publishes beside the test). */
    const topic = async (agency: string, wanted: string[]) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const messages = await readTopic(kafka, `${prefix}${agency}`);
        if (wanted.every((type) => types(messages).includes(type)) || Date.now() > deadline) return messages;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const gm = await topic('GM0599', expected);
    expect(types(gm)).toEqual(expect.arrayContaining(expected));
    expect(types(gm)).not.toContain('finding.corrected');
    const subject = gm.find((m) => m.event.type === 'nl.keten.subject.corrected.v1')!;
    expect(subject.event.data).toMatchObject({ subject: { bsn: NEW_BSN } });
    const bd = await topic('BD', [...expected, 'finding.corrected']);
    expect(types(bd)).toEqual(expect.arrayContaining([...expected, 'finding.corrected']));
    expect(JSON.stringify(bd)).not.toContain(NEW_BSN);
    expect(JSON.stringify(bd)).not.toContain(OLD_BSN);
  }, 90_000);
});
