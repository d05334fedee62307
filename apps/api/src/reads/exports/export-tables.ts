import { NOT_VISIBLE, Table } from '#documents';
import type { ActivationView } from '../shared/activation.type.js';
import type { ActivationStatistics } from '../view-statistics/statistics.type.js';
import { BREAKDOWNS, type Breakdown } from '../view-statistics/statistics.query.js';

const shown = (value: string | null | undefined) => value ?? NOT_VISIBLE;

/** The activation list as a table: a row per activation, as the agency sees it. */
export function activationsTable(activations: readonly ActivationView[]): Table {
  return {
    name: 'Activaties',
    columns: [
      { key: 'id', header: 'activatie' },
      { key: 'caseNumber', header: 'zaaknummer' },
      { key: 'title', header: 'titel' },
      { key: 'kind', header: 'soort' },
      { key: 'trigger', header: 'aanleiding' },
      { key: 'themes', header: "thema's" },
      { key: 'region', header: 'veiligheidsregio' },
      { key: 'municipality', header: 'gemeente' },
      { key: 'status', header: 'status' },
      { key: 'leadAgency', header: 'regie' },
      { key: 'participants', header: 'deelnemers' },
      { key: 'openedAt', header: 'geopend' },
      { key: 'closedAt', header: 'afgesloten' },
      { key: 'address', header: 'adres' },
      { key: 'postcode', header: 'postcode' },
      { key: 'city', header: 'plaats' },
      { key: 'employer', header: 'werkgever' },
      { key: 'kvkNumber', header: 'KvK-nummer' },
      { key: 'integratedDeployment', header: 'integrale inzet' },
      { key: 'outcome', header: 'zwaarste maatregel' },
      { key: 'withheld', header: 'niet zichtbaar (categorieën)' },
    ],
    rows: activations.map((a) => ({
      id: a.id,
      caseNumber: a.caseNumber ?? '',
      title: shown(a.title),
      kind: a.kind,
      trigger: a.trigger,
      themes: a.themes.join(', '),
      region: a.region,
      municipality: a.municipality,
      status: a.status,
      leadAgency: a.leadAgency,
      participants: a.participants.join(', '),
      openedAt: a.openedAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? '',
      address: a.location ? shown(a.location.address) : NOT_VISIBLE,
      postcode: a.location ? shown(a.location.postcode) : NOT_VISIBLE,
      city: a.location ? shown(a.location.city) : NOT_VISIBLE,
      employer: a.employer ? shown(a.employer.name) : NOT_VISIBLE,
      kvkNumber: a.employer ? shown(a.employer.kvkNumber) : NOT_VISIBLE,
      integratedDeployment:
        a.integratedDeployment === null ? 'nog niet besloten' : a.integratedDeployment ? 'ja' : 'nee',
      outcome:
        a.strongestMeasure === 'NOT_VISIBLE'
          ? NOT_VISIBLE
          : a.strongestMeasure === 'NONE'
            ? ''
            : a.strongestMeasure,
      withheld: a.withheld.join(', '),
    })),
  };
}

const BREAKDOWN_NAMES: Record<Breakdown, string> = {
  byKind: 'Soort',
  byTheme: 'Thema',
  byTrigger: 'Aanleiding',
  byIntegratedDeployment: 'Integrale inzet',
  byOutcome: 'Zwaarste maatregel',
  byRegion: 'Veiligheidsregio',
  byMonth: 'Maand',
};

/** The figures, a table per breakdown (and the total), as the statistics query answers them. */
export function statisticsTables(statistics: ActivationStatistics): Table[] {
  const columns = [
    { key: 'key', header: 'waarde' },
    { key: 'count', header: 'activaties' },
  ];
  const f = statistics.figures;
  const counts = (name: string, rows: readonly { key: string; count: number }[], header = 'aantal') => ({
    name,
    columns: [columns[0], { key: 'count', header }],
    rows: rows.map(({ key, count }) => ({ key, count })),
  });
  return [
    { name: 'Totaal', columns, rows: [{ key: 'totaal', count: statistics.total }] },
    ...(Object.keys(BREAKDOWNS) as Breakdown[]).map((name) => ({
      name: BREAKDOWN_NAMES[name],
      columns,
      rows: statistics[name].map(({ key, count }) => ({ key, count })),
    })),
    counts('Maatregelen', f.measures, 'maatregelen'),
    counts('Boetes', [{ key: 'totaal bedrag (eurocent)', count: f.fineTotalEuroCents }], 'eurocent'),
    counts('Doorverwijzingen', f.referralsByAgency, 'doorverwijzingen'),
    counts('Inspecties', f.inspections, 'inspecties'),
    counts('Bevindingen', f.findingsByCategory, 'bevindingen'),
    counts(
      'Doorlooptijd',
      [
        { key: 'afgesloten activaties', count: f.daysToClose.closed },
        ...(f.daysToClose.median === null ? [] : [{ key: 'mediaan (dagen)', count: f.daysToClose.median }]),
        ...(f.daysToClose.p90 === null ? [] : [{ key: '90e percentiel (dagen)', count: f.daysToClose.p90 }]),
      ],
      'waarde',
    ),
    counts('Deelnemende organisaties', f.byParticipatingAgency),
    counts(
      'Niet zichtbaar',
      f.notVisible.map(({ figure, activations, categories }) => ({
        key: `${figure}: ${NOT_VISIBLE} (${categories.join(', ')})`,
        count: activations,
      })),
    ),
  ];
}

/** All figures in one table, for a single CSV file: breakdown, value, count. */
export function statisticsTable(statistics: ActivationStatistics): Table {
  return {
    name: 'Cijfers',
    columns: [
      { key: 'breakdown', header: 'indeling' },
      { key: 'key', header: 'waarde' },
      { key: 'count', header: 'activaties' },
    ],
    rows: statisticsTables(statistics).flatMap((table) =>
      table.rows.map((row) => ({ breakdown: table.name, ...row })),
    ),
  };
}
