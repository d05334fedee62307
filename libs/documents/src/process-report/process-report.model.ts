import { EVENT_TITLES, fieldLabel, NOT_VISIBLE, valueLabel } from './dutch-labels.js';

/** The activation as the requesting agency sees it (already redacted: a withheld value is null). */
export interface ReportActivation {
  readonly id: string;
  /** The human case number (VR17-2026-0042); null for an activation not numbered yet. */
  readonly caseNumber?: string | null;
  /** What the case is about; null when the agency may not read it. */
  readonly title?: string | null;
  readonly kind: string;
  readonly trigger: string;
  readonly themes: readonly string[];
  readonly region: string;
  readonly municipality: string;
  readonly status: string;
  readonly leadAgency: string;
  readonly participants: readonly string[];
  readonly integratedDeployment: boolean | null;
  readonly outcome: string | null;
  /** The strongest measure as the agency may know it: a measure type, NONE, or NOT_VISIBLE. */
  readonly strongestMeasure?: string;
  readonly location: object | null;
  readonly employer: object | null;
  readonly withheld: readonly string[];
  readonly openedAt: Date;
  readonly closedAt: Date | null;
}

/** One entry of the activation's timeline as the requesting agency sees it. */
export interface ReportEntry {
  readonly occurredAt: Date;
  readonly actingAgency: string;
  readonly type: string;
  readonly payload: unknown;
  readonly withheld: readonly string[];
}

export interface ProcessReportInput {
  readonly activation: ReportActivation;
  readonly timeline: readonly ReportEntry[];
  /** The agency the report is made for: what it may see is what the report holds. */
  readonly viewer: string;
  readonly generatedAt: Date;
}

export interface ReportRow {
  readonly label: string;
  readonly value: string;
}

export interface ReportSection {
  readonly heading: string;
  /** Said when the section has no rows. */
  readonly empty?: string;
  readonly items: readonly { readonly title?: string; readonly rows: readonly ReportRow[] }[];
}

/** The process report (procesverslag) as text, before it is laid out as PDF or HTML. */
export interface ProcessReport {
  readonly title: string;
  /** On every page: the case and when the report was made. */
  readonly running: string;
  readonly sections: readonly ReportSection[];
}

const DATE = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

export function dutchDate(date: Date): string {
  return DATE.format(date);
}

const DAY = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** A day as the running head prints it (2-12-2026): short enough for one line on every page. */
export function dutchDay(date: Date): string {
  return DAY.format(date);
}

/** A value as the report prints it: a withheld (null) value says it is not visible. */
function strongestMeasureText(a: ReportActivation): string {
  const measure = a.strongestMeasure ?? a.outcome ?? 'NONE';
  if (measure === 'NOT_VISIBLE') return NOT_VISIBLE;
  return measure === 'NONE' ? '—' : shown(measure);
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return NOT_VISIBLE;
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(shown).join(', ');
  if (value instanceof Date) return dutchDate(value);
  if (typeof value === 'object') {
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return text;
    return Object.entries(value)
      .map(([key, inner]) => `${fieldLabel(key)}: ${shown(inner)}`)
      .join('; ');
  }
  return valueLabel(String(value));
}

/**
 * The payload's fields as rows, nested objects and lists flattened ("betrokkenen 1 · naam"). A narrative
 * (text and categories) prints its text; a field the agency may not see prints that it is not visible.
 */
function payloadRows(payload: unknown, prefix = ''): ReportRow[] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return prefix ? [{ label: prefix, value: shown(payload) }] : [];
  }
  const rows: ReportRow[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'activationId' || key.endsWith('Categories') || key === 'categories') continue;
    const label = prefix ? `${prefix} · ${fieldLabel(key)}` : fieldLabel(key);
    const isNarrative = value !== null && typeof value === 'object' && 'text' in (value as object);
    if (Array.isArray(value) && value.some((item) => item !== null && typeof item === 'object')) {
      value.forEach((item, index) => rows.push(...payloadRows(item, `${label} ${index + 1}`)));
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isNarrative) {
      rows.push(...payloadRows(value, label));
    } else {
      rows.push({ label, value: shown(value) });
    }
  }
  return rows;
}

function entryItem(entry: ReportEntry) {
  const rows = payloadRows(entry.payload);
  if (entry.withheld.length > 0) {
    rows.push({ label: 'niet zichtbaar', value: `gegevens van categorie ${entry.withheld.join(', ')}` });
  }
  return {
    title: `${dutchDate(entry.occurredAt)} — ${EVENT_TITLES[entry.type] ?? entry.type} (${entry.actingAgency})`,
    rows,
  };
}

/** An attachment as the agency sees it: what it is, or that it may not see what it is. */
function attachmentItem(entry: ReportEntry) {
  const data = (entry.payload ?? {}) as Record<string, unknown>;
  const size =
    typeof data.byteLength === 'number' ? `${data.byteLength.toLocaleString('nl-NL')} bytes` : null;
  const rows: ReportRow[] = [
    { label: 'titel', value: shown(data.title) },
    { label: 'soort bestand', value: shown(data.contentType) },
    { label: 'grootte', value: shown(size) },
    { label: 'SHA-256', value: shown(data.sha256) },
    { label: 'toegevoegd door', value: entry.actingAgency },
  ];
  if (entry.withheld.length > 0) {
    rows.push({ label: 'niet zichtbaar', value: `gegevens van categorie ${entry.withheld.join(', ')}` });
  }
  return { title: `${dutchDate(entry.occurredAt)} — ${EVENT_TITLES[entry.type] ?? entry.type}`, rows };
}

/**
 * Corrections (AVG art. 16) are events of their own; any event type whose name says it corrects (or
 * withdraws a misfiled entry) is listed, so new kinds of correction appear without a change here.
 */
export function isCorrection(type: string): boolean {
  return /correct(ed|ion)|withdrawn/.test(type);
}

function section(
  heading: string,
  entries: readonly ReportEntry[],
  types: readonly string[],
  empty: string,
): ReportSection {
  return { heading, empty, items: entries.filter((entry) => types.includes(entry.type)).map(entryItem) };
}

/**
 * The process report of an activation, made from the activation and its timeline as the requesting agency
 * sees them: it holds nothing that agency could not read through the api, and says where something is
 * not visible to it. Dutch.
 */
export function processReport({
  activation,
  timeline,
  viewer,
  generatedAt,
}: ProcessReportInput): ProcessReport {
  const a = activation;
  const facts: ReportRow[] = [
    { label: 'zaaknummer', value: a.caseNumber ?? '—' },
    { label: 'titel', value: shown(a.title) },
    { label: 'activatie', value: a.id },
    { label: 'soort', value: shown(a.kind) },
    { label: 'aanleiding', value: shown(a.trigger) },
    { label: "thema's", value: shown(a.themes) },
    { label: 'veiligheidsregio', value: a.region },
    { label: 'gemeente', value: a.municipality },
    { label: 'status', value: shown(a.status) },
    { label: 'regie', value: a.leadAgency },
    { label: 'geopend', value: dutchDate(a.openedAt) },
    { label: 'afgesloten', value: a.closedAt ? dutchDate(a.closedAt) : '—' },
    { label: 'locatie', value: shown(a.location) },
    { label: 'werkgever', value: shown(a.employer) },
    {
      label: 'integrale inzet',
      value: a.integratedDeployment === null ? 'nog niet besloten' : shown(a.integratedDeployment),
    },
    { label: 'zwaarste maatregel', value: strongestMeasureText(a) },
  ];
  if (a.withheld.length > 0) {
    facts.push({ label: 'niet zichtbaar', value: `gegevens van categorie ${a.withheld.join(', ')}` });
  }
  return {
    title: `Procesverslag activatie ${a.id}`,
    running: `${a.caseNumber ? `Zaak ${a.caseNumber} · ` : ''}Activatie ${a.id} · procesverslag voor ${viewer} · geopend ${dutchDay(a.openedAt)}${a.closedAt ? ` · afgesloten ${dutchDay(a.closedAt)}` : ''} · gemaakt ${dutchDate(generatedAt)}`,
    sections: [
      { heading: 'Gegevens van de activatie', items: [{ rows: facts }] },
      {
        heading: 'Deelnemers',
        items: [
          {
            rows: a.participants.map((agency) => ({
              label: agency,
              value: agency === a.leadAgency ? 'regie' : 'deelnemer',
            })),
          },
        ],
      },
      section('Verslag', timeline, ['report.filed'], 'Er is geen verslag ingediend.'),
      section(
        'Maatregelen',
        timeline,
        ['intervention.imposed'],
        'Geen maatregelen die uw organisatie mag zien.',
      ),
      section(
        'Inspecties',
        timeline,
        ['inspection.scheduled', 'inspection.completed', 'inspection.cancelled'],
        'Geen inspecties.',
      ),
      section('Doorverwijzingen', timeline, ['referral.made'], 'Geen doorverwijzingen.'),
      {
        heading: 'Bijlagen',
        empty: 'Geen bijlagen.',
        items: timeline.filter((entry) => entry.type === 'document.attached').map(attachmentItem),
      },
      {
        heading: 'Correcties',
        empty: 'Geen correcties.',
        items: timeline.filter((entry) => isCorrection(entry.type)).map(entryItem),
      },
      { heading: 'Tijdlijn', empty: 'Geen gebeurtenissen.', items: timeline.map(entryItem) },
    ],
  };
}
