import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { eventually, FeedsScenario, sleep } from '../feeds/feeds.fixture.js';
import { Attachments } from '../../../apps/api/src/attachments/attachments.service.js';
import { agreeInForce } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';

/** The limit this suite runs the api with, so "too large" needs no 20 MiB body. */
const MAX_BYTES = 256 * 1024;
const SHARED = 'attach-kas-shared';
const DEFAULTS = 'attach-kas-defaults';

/** Files of each kind by their first bytes (their magic numbers), padded to a size. */
const PDF_HEAD = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
  'latin1',
);
const pdf = (size = 6000) => Buffer.concat([PDF_HEAD, Buffer.alloc(size - PDF_HEAD.length, 0x20)]);
const png = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from([0, 0, 0, 13]),
    Buffer.from('IHDR'),
    Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]),
    Buffer.alloc(200, 0),
  ]);
const jpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(3000, 7),
  ]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface ErrorBody {
  errors: { message: string; extensions: { code: string; reason?: string; field?: string } }[];
}

const ATTACH = `mutation ($input: AttachDocumentInput!) {
  attachDocument(input: $input) { activationId eventIds }
}`;
const TIMELINE = `query ($activationId: ID!) {
  timeline(activationId: $activationId, first: 100) { edges { node { type actingAgency payload withheld } } }
}`;
const ACCESS_LOG = `query { accessLog(first: 100) { edges { node { operation agency activationId categories userId } } } }`;

describe('attachments: upload, attachDocument, download', () => {
  const scenario = new FeedsScenario();
  let db: DataSource;
  const tokens: Record<string, string> = {};

  const upload = async (token: string | undefined, form: FormData) => {
    const response = await fetch(`${scenario.url}/attachments`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & ErrorBody };
  };
  const fileForm = (bytes: Buffer, name: string, type = 'application/octet-stream') => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    return form;
  };
  const uploaded = async (agency: string, bytes: Buffer, name = 'pv.pdf') => {
    const { status, body } = await upload(tokens[agency], fileForm(bytes, name));
    expect(status).toBe(201);
    return body.uploadId as string;
  };
  const download = async (agency: string, id: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${scenario.url}/attachments/${id}`, {
      headers: { authorization: `Bearer ${tokens[agency]}`, ...headers },
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const attach = (agency: string, input: Record<string, unknown>) =>
    graphql<{ attachDocument: { eventIds: string[] } }>(scenario.url, ATTACH, { input }, tokens[agency]);
  const stored = async () => {
    const [row] = (await db.query(
      `SELECT (SELECT count(*) FROM attachments)::int AS attachments, (SELECT count(*) FROM attachment_chunks)::int AS chunks`,
    )) as { attachments: number; chunks: number }[];
    return row;
  };
  const timelineOf = async (agency: string, activationId: string) => {
    const { data, errors } = await graphql<{
      timeline: {
        edges: {
          node: { type: string; actingAgency: string; payload: Record<string, unknown>; withheld: string[] };
        }[];
      };
    }>(scenario.url, TIMELINE, { activationId }, tokens[agency]);
    expect(errors).toBeUndefined();
    return data!.timeline.edges.map((edge) => edge.node);
  };
  const attachedIn = async (agency: string, activationId: string) =>
    (await timelineOf(agency, activationId)).filter((entry) => entry.type === 'document.attached');

  beforeAll(async () => {
    process.env.ATTACHMENT_MAX_BYTES = String(MAX_BYTES);
    await scenario.start();
    Object.assign(tokens, scenario.tokens);
    tokens.privacyNla = await tokenFor({ userId: 'fg@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
    tokens.systemGm = await tokenFor({ userId: 'system@gm0599', agency: 'GM0599', role: 'AGENCY_SYSTEM' });
    db = await new DataSource({ type: 'postgres', url: scenario.database.url }).initialize();
    // UWV also serves supervision, with CASE only: a download for that activity sees no more than CASE.
    await agreeInForce(scenario.url, {
      agreementId: 'uwv-supervision',
      agency: 'UWV',
      categories: ['CASE'],
      activities: ['supervision'],
      purpose: 'Eigen toezicht',
      legalBasis: { text: 'Toezicht', reference: 'Wet SUWI art. 64' },
      validFrom: '2026-01-01T00:00:00+01:00',
    });
    await scenario.openActivation(SHARED, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV'],
    });
    await scenario.openActivation(DEFAULTS, { region: 'VR17', municipality: 'GM0599', joining: ['GM0599'] });
    await scenario.act('NLA', 'recordSignal', {
      activationId: DEFAULTS,
      signalId: 's-1',
      source: { kind: 'ANONYMOUS' },
      description: 'Arbeider slaapt in de kas.',
      subjects: [{ subjectId: 'p-1', name: 'Jan Kowalski', nationality: 'PL' }],
    });
    await scenario.act('NLA', 'recordFinding', {
      activationId: DEFAULTS,
      findingId: 'f-1',
      category: 'CRIMINAL',
      description: 'Paspoorten ingehouden door de werkgever.',
    });
  }, 180_000);

  afterAll(async () => {
    delete process.env.ATTACHMENT_MAX_BYTES;
    await db?.destroy();
    await scenario.stop();
  });

  describe('upload', () => {
    it('stores a PDF, and tells a photo by its bytes whatever its name', async () => {
      const bytes = pdf();
      const { status, body } = await upload(
        tokens.NLA,
        fileForm(bytes, 'proces-verbaal.pdf', 'application/pdf'),
      );
      expect(status).toBe(201);
      expect(body).toEqual({
        uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        contentType: 'application/pdf',
        byteLength: bytes.length,
        sha256: sha256(bytes),
      });
      const photo = await upload(tokens.GM0599, fileForm(png(), 'foto.pdf', 'application/pdf'));
      expect(photo.body.contentType).toBe('image/png');
      const camera = await upload(tokens.VR17, fileForm(jpeg(), 'IMG_0001'));
      expect(camera.body.contentType).toBe('image/jpeg');
      // What phones store photos as: HEIC (an ISO media file of brand heic) and WebP (RIFF, WEBP).
      const heic = Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from('ftypheic'),
        Buffer.from([0, 0, 0, 0]),
        Buffer.from('mif1heic'),
        Buffer.alloc(500),
      ]);
      expect((await upload(tokens.NLA, fileForm(heic, 'IMG_0002.jpg'))).body.contentType).toBe('image/heic');
      const webp = Buffer.concat([
        Buffer.from('RIFF'),
        Buffer.from([0xf0, 1, 0, 0]),
        Buffer.from('WEBPVP8 '),
        Buffer.alloc(500),
      ]);
      expect((await upload(tokens.NLA, fileForm(webp, 'foto.png'))).body.contentType).toBe('image/webp');
    });

    it('stores a file of many chunks whole', async () => {
      const bytes = pdf(MAX_BYTES);
      const { status, body } = await upload(tokens.NLA, fileForm(bytes, 'groot.pdf'));
      expect(status).toBe(201);
      expect(body).toMatchObject({ byteLength: MAX_BYTES, sha256: sha256(bytes) });
    });

    describe('refuses, clearly, and keeps nothing of', () => {
      let before: { attachments: number; chunks: number };
      beforeEach(async () => {
        before = await stored();
      });
      afterEach(async () => {
        // Removal happens before the answer; for a client that went away, shortly after.
        await eventually(async () => JSON.stringify(await stored()) === JSON.stringify(before), 5000);
      });

      const refusal = (body: ErrorBody) => body.errors[0].extensions;

      it('a file one byte too large (413)', async () => {
        const { status, body } = await upload(tokens.NLA, fileForm(pdf(MAX_BYTES + 1), 'groot.pdf'));
        expect(status).toBe(413);
        expect(refusal(body)).toEqual({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE', field: 'file' });
        expect(body.errors[0].message).toContain(String(MAX_BYTES));
      });

      it('a body far too large, refused before it is read', async () => {
        const { status, body } = await upload(tokens.NLA, fileForm(pdf(4 * MAX_BYTES), 'groot.pdf'));
        expect(status).toBe(413);
        expect(refusal(body).reason).toBe('FILE_TOO_LARGE');
      });

      it('a file of another type than its name says (415)', async () => {
        const { status, body } = await upload(
          tokens.NLA,
          fileForm(Buffer.from('#!/bin/sh\necho dit is geen foto\n'), 'foto.jpg', 'image/jpeg'),
        );
        expect(status).toBe(415);
        expect(refusal(body)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_CONTENT_TYPE' });
        const zip = await upload(
          tokens.NLA,
          fileForm(Buffer.from('PK\x03\x04\x14\x00\x00\x00' + 'x'.repeat(100)), 'pv.pdf'),
        );
        expect(zip.status).toBe(415);
      });

      it('broken multipart (400)', async () => {
        const response = await fetch(`${scenario.url}/attachments`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.NLA}`,
            'content-type': 'multipart/form-data; boundary=XYZ',
          },
          body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="pv.pdf"\r\n\r\n%PDF-1.7\nhalf a file',
        });
        expect(response.status).toBe(400);
        expect(((await response.json()) as ErrorBody).errors[0].extensions.reason).toBe('BROKEN_MULTIPART');
      });

      it('a body that is not multipart (415)', async () => {
        const response = await fetch(`${scenario.url}/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.NLA}`, 'content-type': 'application/pdf' },
          body: pdf(),
        });
        expect(response.status).toBe(415);
        expect(((await response.json()) as ErrorBody).errors[0].extensions.reason).toBe('NOT_MULTIPART');
      });

      it('an upload without a file, or with an empty one (400)', async () => {
        const form = new FormData();
        form.append('title', 'geen bestand');
        const none = await upload(tokens.NLA, form);
        expect(none.status).toBe(400);
        expect(refusal(none.body).reason).toBe('NO_FILE');
        const empty = await upload(tokens.NLA, fileForm(Buffer.alloc(0), 'leeg.pdf'));
        expect(empty.status).toBe(400);
        expect(refusal(empty.body).reason).toBe('EMPTY_FILE');
      });

      it('two files at once (400)', async () => {
        const form = fileForm(pdf(), 'een.pdf');
        form.append('file', new Blob([pdf()]), 'twee.pdf');
        const { status, body } = await upload(tokens.NLA, form);
        expect(status).toBe(400);
        expect(refusal(body).reason).toBe('TOO_MANY_FILES');
      });

      it('an upload the client breaks off halfway', async () => {
        const boundary = 'keten-test-boundary';
        const head = Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pv.pdf"\r\n` +
            'Content-Type: application/pdf\r\n\r\n',
        );
        const body = pdf(200_000);
        const url = new URL(`${scenario.url}/attachments`);
        const client = httpRequest({
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.NLA}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(head.length + body.length + 100),
          },
        });
        client.on('error', () => undefined);
        client.write(head);
        client.write(body.subarray(0, 150_000));
        // The server has begun to store it...
        await eventually(async () => (await stored()).attachments > before.attachments, 5000);
        client.destroy();
        await sleep(200);
      });

      it('an upload without a valid token (401), or by a role that adds no documents (403)', async () => {
        const anonymous = await upload(undefined, fileForm(pdf(), 'pv.pdf'));
        expect(anonymous.status).toBe(401);
        expect(refusal(anonymous.body).code).toBe('UNAUTHENTICATED');
        const forged = await upload(`${tokens.NLA}x`, fileForm(pdf(), 'pv.pdf'));
        expect(forged.status).toBe(401);
        for (const token of [tokens.admin, tokens.privacyNla, tokens.systemGm]) {
          const refused = await upload(token, fileForm(pdf(), 'pv.pdf'));
          expect(refused.status).toBe(403);
          expect(refusal(refused.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
        }
      });
    });
  });

  describe('attachDocument and download', () => {
    const bytes = pdf(40_000);
    let pvId: string;

    beforeAll(async () => {
      pvId = await uploaded('NLA', bytes);
      const { errors, data } = await attach('NLA', {
        activationId: SHARED,
        uploadId: pvId,
        title: 'Proces-verbaal controle kas',
        categories: ['PERSONAL', 'REPORT'],
      });
      expect(errors).toBeUndefined();
      expect(data!.attachDocument.eventIds).toHaveLength(1);
      await eventually(async () => (await attachedIn('UWV', SHARED)).length === 1, 15_000);
      await eventually(async () => (await attachedIn('GM0599', SHARED)).length === 1, 15_000);
    }, 60_000);

    it('lists the attachment in the timeline, its facts only for agencies holding its categories', async () => {
      const [own] = await attachedIn('NLA', SHARED);
      expect(own.payload).toEqual({
        attachmentId: pvId,
        attachedBy: 'NLA',
        title: { text: 'Proces-verbaal controle kas', categories: ['PERSONAL', 'REPORT'] },
        contentType: 'application/pdf',
        byteLength: bytes.length,
        sha256: sha256(bytes),
        categories: ['PERSONAL', 'REPORT'],
      });
      // UWV holds PERSONAL but not REPORT: it learns that NLA added a document, nothing of it.
      const [uwv] = await attachedIn('UWV', SHARED);
      expect(uwv.payload).toEqual({
        attachmentId: null,
        attachedBy: 'NLA',
        title: null,
        contentType: null,
        byteLength: null,
        sha256: null,
        categories: null,
      });
      expect(uwv.withheld).toEqual(['REPORT']);
    });

    it('lets the uploader, and an entitled participant (inspector and agency system), download the bytes', async () => {
      for (const agency of ['NLA', 'GM0599', 'systemGm']) {
        const answer = await download(agency, pvId);
        expect(answer.status).toBe(200);
        expect(answer.bytes.equals(bytes)).toBe(true);
        expect(answer.headers.get('content-type')).toBe('application/pdf');
        expect(answer.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      }
    });

    it('answers an agency without every category, one that does not see the activation, and an unknown id alike', async () => {
      const absent = await download('NLA', randomUUID());
      expect(absent.status).toBe(404);
      const normal = (answer: { bytes: Buffer }, id: string) =>
        answer.bytes.toString().split(id).join('<id>');
      const absentId = randomUUID();
      const expected = normal(await download('UWV', absentId), absentId);
      expect(JSON.parse(expected)).toEqual({
        errors: [
          { message: expect.any(String), extensions: { code: 'NOT_FOUND', reason: 'ATTACHMENT_NOT_FOUND' } },
        ],
      });
      // UWV lacks REPORT; the VR17 coordinator sees the activation but lacks PERSONAL; SVB and BD do not see it.
      for (const agency of ['UWV', 'VR17', 'SVB', 'BD']) {
        const hidden = await download(agency, pvId);
        expect({ agency, status: hidden.status }).toEqual({ agency, status: 404 });
        expect(normal(hidden, pvId)).toBe(expected);
        const other = randomUUID();
        expect(normal(await download(agency, other), other)).toBe(expected);
      }
      const garbage = await download('UWV', 'not-an-id');
      expect(garbage.status).toBe(404);
      expect(normal(garbage, 'not-an-id')).toBe(expected);
    });

    it('refuses downloads to roles that read no case data', async () => {
      for (const agency of ['admin', 'privacyNla']) {
        const answer = await download(agency, pvId);
        expect(answer.status).toBe(403);
      }
      const anonymous = await fetch(`${scenario.url}/attachments/${pvId}`);
      expect(anonymous.status).toBe(401);
    });

    it('writes each download to the access log, and nothing for a refused one', async () => {
      const traceId = randomUUID().replace(/-/g, '');
      const answer = await download('NLA', pvId, {
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'x-purpose': 'CASE_COORDINATION',
      });
      expect(answer.status).toBe(200);
      const { data, errors } = await graphql<{
        accessLog: {
          edges: {
            node: {
              operation: string;
              agency: string;
              activationId: string;
              categories: string[];
              userId: string;
            };
          }[];
        };
      }>(scenario.url, ACCESS_LOG, {}, tokens.privacyNla);
      expect(errors).toBeUndefined();
      const downloads = data!.accessLog.edges
        .map((e) => e.node)
        .filter((line) => line.operation === 'attachment');
      expect(downloads.length).toBeGreaterThanOrEqual(2);
      expect(downloads[0]).toMatchObject({ agency: 'NLA', activationId: SHARED, categories: ['PERSONAL'] });
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM access_log WHERE operation = 'attachment' AND agency IN ('UWV', 'VR17', 'SVB', 'BD')`,
      )) as { count: number }[];
      expect(count).toBe(0);
      const [{ traced }] = (await db.query(
        `SELECT count(*)::int AS traced FROM access_log WHERE operation = 'attachment' AND trace_id = $1`,
        [traceId],
      )) as { traced: number }[];
      expect(traced).toBe(1);
    });

    it('binds a download to the processing activity it declares (x-purpose)', async () => {
      const photo = await uploaded('NLA', jpeg(), 'foto.jpg');
      const { errors } = await attach('NLA', {
        activationId: SHARED,
        uploadId: photo,
        title: 'Foto werknemers',
        categories: ['PERSONAL'],
      });
      expect(errors).toBeUndefined();
      await eventually(async () => (await download('UWV', photo)).status === 200, 15_000);
      expect((await download('UWV', photo, { 'x-purpose': 'CASE_COORDINATION' })).status).toBe(200);
      const supervision = await download('UWV', photo, { 'x-purpose': 'SUPERVISION' });
      expect(supervision.status).toBe(404);
      const absentId = randomUUID();
      const absent = await download('UWV', absentId, { 'x-purpose': 'SUPERVISION' });
      expect(supervision.bytes.toString().split(photo).join('<id>')).toBe(
        absent.bytes.toString().split(absentId).join('<id>'),
      );
    });

    it('lets its author keep what it attached, and no one else without every category', async () => {
      // UWV holds no REPORT: it may attach a report (saying truly what it holds); agencies holding REPORT may
      // read it, others not, and UWV keeps sight of its own document as of everything it recorded itself.
      const own = await uploaded('UWV', pdf(), 'uwv-rapport.pdf');
      const { errors } = await attach('UWV', {
        activationId: SHARED,
        uploadId: own,
        title: 'Rapportage UWV',
        categories: ['REPORT'],
      });
      expect(errors).toBeUndefined();
      await eventually(async () => (await download('GM0599', own)).status === 200, 15_000);
      expect((await download('VR17', own)).status).toBe(200);
      expect((await download('UWV', own)).status).toBe(200);
      expect((await download('SVB', own)).status).toBe(404);
      const [entry] = (await attachedIn('UWV', SHARED)).filter((e) => e.actingAgency === 'UWV');
      expect(entry.payload.attachmentId).toBe(own);
    });

    it('lets only participants attach, answers a hidden activation as an absent one, and frees the upload', async () => {
      const coordinatorUpload = await uploaded('VR17', png(), 'foto.png');
      const coordinator = await attach('VR17', {
        activationId: SHARED,
        uploadId: coordinatorUpload,
        title: 'Foto',
      });
      expect(coordinator.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_A_PARTICIPANT',
      });

      const svbUpload = await uploaded('SVB', png(), 'foto.png');
      const hidden = await attach('SVB', { activationId: SHARED, uploadId: svbUpload, title: 'Foto' });
      const absent = await attach('SVB', {
        activationId: 'no-such-activation',
        uploadId: svbUpload,
        title: 'Foto',
      });
      expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(hidden.errors![0].message.split(SHARED).join('<id>')).toBe(
        absent.errors![0].message.split('no-such-activation').join('<id>'),
      );
      // Refused, the upload may still be attached where its agency takes part: not to another agency's case.
      const [row] = (await db.query(
        `SELECT activation_id, attached_at FROM attachments WHERE attachment_id = $1`,
        [svbUpload],
      )) as { activation_id: string | null; attached_at: Date | null }[];
      expect(row).toEqual({ activation_id: null, attached_at: null });
    });

    it("refuses another agency's upload, and one upload twice", async () => {
      const theirs = await attach('GM0599', { activationId: SHARED, uploadId: pvId, title: 'Van NLA' });
      expect(theirs.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'UPLOAD_NOT_FOUND' });
      const again = await attach('NLA', { activationId: DEFAULTS, uploadId: pvId, title: 'Nog eens' });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'UPLOAD_NOT_FOUND' });
      const twice = await attach('NLA', { activationId: SHARED, uploadId: pvId, title: 'Nog eens' });
      expect(twice.errors?.[0].extensions).toMatchObject({ reason: 'DUPLICATE_ID' });
    });
  });

  describe('default categories', () => {
    it('are those of the most sensitive event the author sees, and never name what it may not see', async () => {
      // NLA sees the CRIMINAL finding; the municipality does not, and sees the signal naming a person.
      const nla = await uploaded('NLA', jpeg(), 'foto.jpg');
      const gm = await uploaded('GM0599', jpeg(), 'foto.jpg');
      expect(
        (await attach('NLA', { activationId: DEFAULTS, uploadId: nla, title: 'Paspoort' })).errors,
      ).toBeUndefined();
      expect(
        (await attach('GM0599', { activationId: DEFAULTS, uploadId: gm, title: 'Kas' })).errors,
      ).toBeUndefined();
      await eventually(async () => (await attachedIn('GM0599', DEFAULTS)).length === 2, 15_000);
      const own = (await attachedIn('GM0599', DEFAULTS)).find((entry) => entry.actingAgency === 'GM0599')!;
      expect(own.payload.categories).toEqual(['PERSONAL']);
      await eventually(async () => (await attachedIn('NLA', DEFAULTS)).length === 2, 15_000);
      const nlas = (await attachedIn('NLA', DEFAULTS)).find((entry) => entry.actingAgency === 'NLA')!;
      expect(nlas.payload.categories).toEqual(['CRIMINAL']);
      // The municipality does not even learn the NLA photo's categories, nor download it.
      const theirs = (await attachedIn('GM0599', DEFAULTS)).find((entry) => entry.actingAgency === 'NLA')!;
      expect(theirs.payload.categories).toBeNull();
      expect((await download('GM0599', nla)).status).toBe(404);
      expect((await download('GM0599', gm)).status).toBe(200);
    });
  });

  describe('uploads never attached', () => {
    it('are removed once older than the configured time, attached ones kept', async () => {
      const unattached = async () =>
        (
          (await db.query(`SELECT count(*)::int AS n FROM attachments WHERE attached_at IS NULL`)) as {
            n: number;
          }[]
        )[0].n;
      const attached = async () =>
        (
          (await db.query(
            `SELECT count(*)::int AS n FROM attachments a JOIN attachment_chunks c USING (attachment_id)
             WHERE a.attached_at IS NOT NULL`,
          )) as { n: number }[]
        )[0].n;
      await uploaded('NLA', pdf(), 'vergeten.pdf');
      const keptChunks = await attached();
      expect(await unattached()).toBeGreaterThan(0);
      const service = scenario.apis[0].app.get(Attachments);
      // Not yet a day old: nothing goes.
      expect(await service.removeUnattached()).toBe(0);
      const removed = await service.removeUnattached(new Date(Date.now() + 25 * 60 * 60 * 1000));
      expect(removed).toBeGreaterThan(0);
      expect(await unattached()).toBe(0);
      expect(await attached()).toBe(keptChunks);
      const [{ orphans }] = (await db.query(
        `SELECT count(*)::int AS orphans FROM attachment_chunks c
         WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.attachment_id = c.attachment_id)`,
      )) as { orphans: number }[];
      expect(orphans).toBe(0);
    });
  });
});
