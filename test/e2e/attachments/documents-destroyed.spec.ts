import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { activationStreamId, configuredEventStore } from '#events';
import { loadConfig } from '#platform';
import { PersonalDataEraser } from '../../../apps/worker/src/erasures/index.js';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';
import { graphql } from '../../support/graphql-client.js';

/*
 * Documents go with their activation's personal data (issue 19): when an activation is erased as a whole
 * (retention), every document attached to it loses its bytes, in Postgres and anywhere a dump can be read
 * as text; the attachment stays as the record of what was destroyed, and its download answers as decided
 * (README, "Documents: attachments"). Another activation's document is untouched, and erasing again
 * changes nothing. The eraser is the worker's own (its wiring is part of what is proved).
 */

const DOOMED = 'destroy-docs-doomed';
const KEPT = 'destroy-docs-kept';

const PDF_HEAD = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
const PNG_HEAD = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]),
]);
/** A file of the kind its head says, with a unique string planted in it (what a scan must not find). */
const planted = (head: Buffer, marker: string, size = 9000) => {
  const text = Buffer.from(` Verklaring van ${marker}, BSN 111222333 `, 'latin1');
  return Buffer.concat([head, text, Buffer.alloc(size - head.length - text.length, 0x20)]);
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface ErrorBody {
  errors: { message: string; extensions: { code: string; reason?: string; field?: string } }[];
}

const ATTACH = `mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { eventIds } }`;
const TIMELINE = `query ($activationId: ID!) {
  timeline(activationId: $activationId, first: 100) { edges { node { type payload } } }
}`;

describe('documents destroyed with their activation (retention)', () => {
  const scenario = new FeedsScenario();
  let db: DataSource;
  const markers = {
    pv: `PLANTED-PV-${randomUUID()}`,
    photo: `PLANTED-PHOTO-${randomUUID()}`,
    kept: `PLANTED-KEPT-${randomUUID()}`,
  };
  const files = {
    pv: planted(PDF_HEAD, markers.pv, 600_000),
    photo: planted(PNG_HEAD, markers.photo),
    kept: planted(PDF_HEAD, markers.kept),
  };
  const ids: Record<keyof typeof files, string> = { pv: '', photo: '', kept: '' };

  const upload = async (agency: string, bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'stuk');
    const response = await fetch(`${scenario.url}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scenario.tokens[agency]}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { uploadId: string }).uploadId;
  };
  const attach = async (agency: string, input: Record<string, unknown>) => {
    const { errors } = await graphql(scenario.url, ATTACH, { input }, scenario.tokens[agency]);
    expect(errors).toBeUndefined();
  };
  const download = async (agency: string, id: string) => {
    const response = await fetch(`${scenario.url}/attachments/${id}`, {
      headers: { authorization: `Bearer ${scenario.tokens[agency]}` },
    });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  /** A download's answer with the id asked for taken out, to compare with the answer for another id. */
  const answerOf = async (agency: string, id: string) => {
    const { status, bytes } = await download(agency, id);
    return { status, body: bytes.toString().split(id).join('<id>') };
  };
  const timelineOf = async (agency: string, activationId: string) => {
    const { data, errors } = await graphql<{
      timeline: { edges: { node: { type: string; payload: Record<string, unknown> } }[] };
    }>(scenario.url, TIMELINE, { activationId }, scenario.tokens[agency]);
    expect(errors).toBeUndefined();
    return data!.timeline.edges.map((edge) => edge.node);
  };

  /** Every table of the public schema as text (bytea as hex), each with the needles found in it. */
  const tablesHolding = async (needles: readonly string[]): Promise<Record<string, string[]>> => {
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['attachments', 'attachment_chunks', 'events', 'rm_timeline']),
    );
    const found: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      const [{ text }]: { text: string | null }[] = await db.query(
        `SELECT string_agg(t::text, E'\\n') AS text FROM "${table_name}" t`,
      );
      const hits = needles.filter((needle) => (text ?? '').toLowerCase().includes(needle.toLowerCase()));
      if (hits.length) found[table_name] = hits;
    }
    return found;
  };
  /** What a dump shows of a planted string: the text itself, or its bytes as bytea hex. */
  const traces = (marker: string) => [marker, Buffer.from(marker, 'latin1').toString('hex')];
  const rowsOf = (activationId: string) =>
    db.query(
      `SELECT attachment_id, agency, state, content_type, byte_length, sha256, categories, attached_at,
              destroyed_at, erasure_id,
              (SELECT count(*)::int FROM attachment_chunks c WHERE c.attachment_id = a.attachment_id) AS chunks
       FROM attachments a WHERE activation_id = $1 ORDER BY attachment_id`,
      [activationId],
    );

  beforeAll(async () => {
    await scenario.start();
    db = await new DataSource({ type: 'postgres', url: scenario.database.url }).initialize();
    await scenario.openActivation(DOOMED, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV'],
    });
    await scenario.openActivation(KEPT, { region: 'VR17', municipality: 'GM0599', joining: ['GM0599'] });
    ids.pv = await upload('NLA', files.pv);
    await attach('NLA', {
      activationId: DOOMED,
      uploadId: ids.pv,
      title: 'Proces-verbaal',
      categories: ['PERSONAL', 'REPORT'],
    });
    // A photo of the building: LOCATION only, so its id and hash are not sealed in the event.
    ids.photo = await upload('GM0599', files.photo);
    await attach('GM0599', {
      activationId: DOOMED,
      uploadId: ids.photo,
      title: 'Foto van de voorgevel',
      categories: ['LOCATION'],
    });
    ids.kept = await upload('NLA', files.kept);
    await attach('NLA', {
      activationId: KEPT,
      uploadId: ids.kept,
      title: 'Proces-verbaal',
      categories: ['PERSONAL', 'REPORT'],
    });
    await eventually(
      async () =>
        (await timelineOf('GM0599', DOOMED)).filter((e) => e.type === 'document.attached').length === 2,
      15_000,
    );
    for (const [agency, id] of [
      ['NLA', ids.pv],
      ['GM0599', ids.photo],
      ['NLA', ids.kept],
    ] as const) {
      expect((await download(agency, id)).status).toBe(200);
    }
  }, 180_000);

  afterAll(async () => {
    await db?.destroy();
    await scenario.stop();
  });

  const erase = () =>
    scenario.worker.get(PersonalDataEraser).eraseActivation(DOOMED, `retention-${DOOMED}`, new Date());
  const erasedFor = async (agency: string) =>
    (await timelineOf(agency, DOOMED)).some((entry) => entry.type === 'personal-data.erased');

  describe('given an activation with documents, when it is erased as a whole', () => {
    beforeAll(async () => {
      const before = await tablesHolding([...traces(markers.pv), ...traces(markers.photo)]);
      // The scan finds what is there: the bytes, as hex, in attachment_chunks.
      expect(Object.keys(before)).toContain('attachment_chunks');
      await erase();
      for (const agency of ['NLA', 'GM0599', 'UWV', 'VR17']) {
        await eventually(() => erasedFor(agency), 15_000);
      }
    }, 60_000);

    it('then no table holds the content of its documents, nor the hash of a sealed one', async () => {
      expect(await tablesHolding([...traces(markers.pv), ...traces(markers.photo)])).toEqual({});
      // The proces-verbaal's hash was in its row and, sealed, in its event: gone from both, from the
      // timeline written again and from the feed rows once the feed projector has rewritten them.
      await eventually(async () => !('rm_feed' in (await tablesHolding([sha256(files.pv)]))), 15_000);
      expect(await tablesHolding([sha256(files.pv)])).toEqual({});
      // Another activation's document is where it was: the scan would have found these.
      expect(await tablesHolding(traces(markers.kept))).toEqual({
        attachment_chunks: [Buffer.from(markers.kept, 'latin1').toString('hex')],
      });
    });

    it('then each attachment stays as the record of its destruction, without its bytes, size or hash', async () => {
      const rows = await rowsOf(DOOMED);
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toEqual({
          attachment_id: expect.any(String),
          agency: row.attachment_id === ids.pv ? 'NLA' : 'GM0599',
          state: 'DESTROYED',
          content_type: row.attachment_id === ids.pv ? 'application/pdf' : 'image/png',
          byte_length: null,
          sha256: null,
          categories: row.attachment_id === ids.pv ? ['PERSONAL', 'REPORT'] : ['LOCATION'],
          attached_at: expect.any(Date),
          destroyed_at: expect.any(Date),
          erasure_id: `retention-${DOOMED}`,
          chunks: 0,
        });
      }
    });

    it('then a reader whose timeline still shows the document is told it was destroyed', async () => {
      // The photo's id carries LOCATION only: it stays in the timeline of every agency holding LOCATION.
      const [entry] = (await timelineOf('GM0599', DOOMED)).filter(
        (e) => e.type === 'document.attached' && e.payload.attachmentId === ids.photo,
      );
      expect(entry).toBeDefined();
      for (const agency of ['GM0599', 'NLA', 'VR17']) {
        const { status, bytes } = await download(agency, ids.photo);
        const body = JSON.parse(bytes.toString()) as ErrorBody;
        expect({ agency, status, extensions: body.errors[0].extensions }).toEqual({
          agency,
          status: 410,
          extensions: { code: 'NOT_FOUND', reason: 'ATTACHMENT_DESTROYED' },
        });
        expect(body.errors[0].message).toMatch(/destroyed on \d{4}-\d{2}-\d{2} .* end of its retention/);
      }
    });

    it('then everyone else gets exactly what an unknown id gets', async () => {
      // The proces-verbaal's id was sealed under the activation's key: no timeline shows it any more.
      for (const agency of ['NLA', 'GM0599']) {
        const attached = (await timelineOf(agency, DOOMED)).filter((e) => e.type === 'document.attached');
        expect(attached.map((e) => e.payload.attachmentId)).toEqual(
          expect.arrayContaining([{ $erased: true }, ids.photo]),
        );
      }
      // UWV lacks LOCATION and REPORT; BD and SVB do not see the activation.
      const cases: [string, string][] = [
        ['NLA', ids.pv],
        ['GM0599', ids.pv],
        ['UWV', ids.pv],
        ['UWV', ids.photo],
        ['BD', ids.photo],
        ['SVB', ids.pv],
      ];
      for (const [agency, id] of cases) {
        const absent = randomUUID();
        expect({ agency, id, ...(await answerOf(agency, id)) }).toEqual({
          agency,
          id,
          ...(await answerOf(agency, absent)),
        });
        expect((await download(agency, id)).status).toBe(404);
      }
    });

    it("then another activation's document downloads whole", async () => {
      const { status, bytes } = await download('NLA', ids.kept);
      expect(status).toBe(200);
      expect(bytes.equals(files.kept)).toBe(true);
      expect((await rowsOf(KEPT))[0]).toMatchObject({
        state: 'STORED',
        sha256: sha256(files.kept),
        chunks: 1,
      });
    });

    it('then erasing again changes nothing', async () => {
      const rows = await rowsOf(DOOMED);
      await erase();
      expect(await rowsOf(DOOMED)).toEqual(rows);
      const store = configuredEventStore(db, loadConfig(scenario.database.env));
      const stream = await store.readStream(activationStreamId(DOOMED));
      expect(stream.filter((e) => e.type === 'personal-data.erased')).toHaveLength(1);
      expect(await tablesHolding([...traces(markers.pv), ...traces(markers.photo)])).toEqual({});
    });
  });
});
