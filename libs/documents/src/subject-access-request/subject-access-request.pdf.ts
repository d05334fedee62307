import { EVENT_TITLES, fieldLabel, NOT_VISIBLE, valueLabel } from '../process-report/dutch-labels.js';
import { pagedPdf, PDF_MARGIN as MARGIN } from '../pdf/paged-pdf.js';

/** What the PDF of a data subject's access request shows: the JSON answer's parts, as the api built them. */
export interface SubjectAccessReportInput {
  readonly dataSubject: { readonly bsn: string; readonly pseudonym: string };
  readonly answeredBy: { readonly agency: string; readonly userId: string; readonly at: string };
  readonly scope: readonly string[];
  readonly activations: readonly {
    readonly activationId: string;
    readonly caseNumber: string | null;
    readonly region: string | null;
    readonly leadAgency: string | null;
    readonly openedAt: string | null;
    readonly entries: readonly {
      readonly type: string;
      readonly occurredAt: string;
      readonly recordedBy: string;
      readonly categories: readonly string[];
      readonly withheld: readonly string[];
      readonly corrected: boolean;
      readonly withdrawn: boolean;
      readonly person: readonly Record<string, unknown>[];
      readonly context: Record<string, unknown>;
    }[];
  }[];
  readonly recipients: readonly {
    readonly agency: string;
    readonly categories: readonly string[];
    readonly firstReceivedAt: string;
    readonly lastReceivedAt: string;
    readonly receipts: readonly {
      readonly activationId: string;
      readonly eventType: string;
      readonly receivedAt: string;
      readonly categories: readonly string[];
    }[];
  }[];
  readonly accessLog: {
    readonly agency: string;
    readonly reads: readonly {
      readonly recordedAt: string;
      readonly role: string;
      readonly activity: string;
      readonly categories: readonly string[];
      readonly activationId: string;
      readonly operation: string;
    }[];
  };
}

const MOMENT = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const moment = (iso: string | null) => (iso ? MOMENT.format(new Date(iso)) : 'onbekend');

/** Every value of a recorded object as "veld: waarde" lines, nested paths joined with dots. */
function valueLines(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => valueLines(item, path));
  if (typeof value === 'object') {
    // A value whose key was erased reads as a marker (crypto-shredding): say so, not its shape.
    if ((value as Record<string, unknown>).$erased === true) return [`${path}: gewist`];
    return Object.entries(value).flatMap(([key, inner]) =>
      valueLines(inner, path ? `${path}.${fieldLabel(key)}` : fieldLabel(key)),
    );
  }
  return [`${path}: ${valueLabel(String(value))}`];
}

/**
 * The answer to a data subject's access request (AVG art. 15) as a PDF (pdfkit): the person's data as the
 * privacy officer's agency holds it per activation, the agencies that received it (which categories, when),
 * and the reads of that agency. A4, Dutch; the subject's pseudonym and the date on every page.
 */
export function subjectAccessRequestPdf(input: SubjectAccessReportInput): Promise<Buffer> {
  const title = 'Inzageverzoek (AVG artikel 15)';
  const running = `${title} · betrokkene ${input.dataSubject.pseudonym.slice(0, 12)} · ${input.answeredBy.agency} · ${moment(input.answeredBy.at)}`;
  const { doc, finish } = pagedPdf({ title, subject: 'Inzageverzoek' });
  const heading = (text: string) => {
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(13).fillColor('black').text(text, MARGIN);
    doc.moveDown(0.3);
  };
  const line = (text: string, indent = 0, font = 'Helvetica') =>
    doc
      .font(font)
      .fontSize(9)
      .fillColor('black')
      .text(text, MARGIN + indent);

  doc.font('Helvetica-Bold').fontSize(18).text(title);
  doc.font('Helvetica').fontSize(10).text(`Betrokkene: BSN ${input.dataSubject.bsn}`);
  doc.text(`Pseudoniem: ${input.dataSubject.pseudonym}`);
  doc.text(
    `Opgesteld door de functionaris gegevensbescherming van ${input.answeredBy.agency} op ${moment(input.answeredBy.at)}`,
  );
  doc.moveDown(0.5);
  for (const sentence of input.scope) line(sentence, 0, 'Helvetica-Oblique');

  heading('Vastgelegde gegevens');
  if (input.activations.length === 0)
    line(`Geen: ${input.answeredBy.agency} heeft in keten geen gegevens van deze persoon.`);
  for (const activation of input.activations) {
    doc.moveDown(0.4);
    line(
      `Activering ${activation.activationId}${activation.caseNumber ? ` (zaak ${activation.caseNumber})` : ''}`,
      0,
      'Helvetica-Bold',
    );
    line(
      `Regio ${activation.region ?? 'niet zichtbaar'} · regie ${activation.leadAgency ?? 'niet zichtbaar'} · geopend ${moment(activation.openedAt)}`,
    );
    for (const entry of activation.entries) {
      doc.moveDown(0.2);
      line(
        `${moment(entry.occurredAt)} · ${EVENT_TITLES[entry.type] ?? entry.type} · vastgelegd door ${entry.recordedBy} · gegevenscategorieën ${entry.categories.join(', ')}${entry.corrected ? ' · gecorrigeerd' : ''}${entry.withdrawn ? ' · ingetrokken' : ''}`,
        12,
        'Helvetica-Bold',
      );
      for (const person of entry.person) for (const text of valueLines(person)) line(text, 24);
      for (const text of valueLines(entry.context)) line(text, 24, 'Helvetica-Oblique');
      if (entry.withheld.length)
        line(`${NOT_VISIBLE}: ${entry.withheld.join(', ')}`, 24, 'Helvetica-Oblique');
    }
  }

  heading('Ontvangers');
  if (input.recipients.length === 0) line('Geen organisatie heeft gegevens van deze persoon ontvangen.');
  for (const recipient of input.recipients) {
    doc.moveDown(0.3);
    line(
      `${recipient.agency}: ${recipient.categories.join(', ')} · van ${moment(recipient.firstReceivedAt)} tot en met ${moment(recipient.lastReceivedAt)}`,
      0,
      'Helvetica-Bold',
    );
    for (const receipt of recipient.receipts)
      line(
        `${moment(receipt.receivedAt)} · activering ${receipt.activationId} · ${EVENT_TITLES[receipt.eventType] ?? receipt.eventType} · ontvangen ${receipt.categories.join(', ')}`,
        12,
      );
  }

  heading(`Inzage door ${input.accessLog.agency} (toegangslog)`);
  if (input.accessLog.reads.length === 0) line('Niemand van deze organisatie heeft de gegevens ingezien.');
  for (const read of input.accessLog.reads)
    line(
      `${moment(read.recordedAt)} · ${read.role} · ${read.operation} · activering ${read.activationId} · ${read.categories.join(', ')} · ${read.activity}`,
      12,
    );
  const others = input.recipients.map((r) => r.agency).filter((agency) => agency !== input.accessLog.agency);
  if (others.length) {
    doc.moveDown(0.4);
    line(
      `Wie bij ${others.join(', ')} de gegevens inzag, beantwoordt de functionaris gegevensbescherming van die organisatie.`,
      0,
      'Helvetica-Oblique',
    );
  }

  return finish(running);
}
