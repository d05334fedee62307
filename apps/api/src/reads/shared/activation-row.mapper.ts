import {
  ActivationKind,
  ActivationStatus,
  ActivationTrigger,
  DataCategory,
  InterventionType,
  Theme,
} from '#domain';
import { activationStreamId, VersionTokens } from '#events';
import type { ActivationListRow as ActivationRow } from '#read-models';
import { Disclosure, disclosureOf } from '../../access-log/index.js';
import { strongestMeasureOf } from './strongest-measure.js';
import { ActivationView, CompanyView, EmployerView, LocationView } from './activation.type.js';

/**
 * The projector wrote these values from decided events, so they are the domain's vocabulary. The stream
 * version leaves as its opaque token: a number would count the events the agency may not see.
 * `measuresVisible`: whether the read may see INTERVENTION of the activation's region (ActivityView); when
 * not, the strongest measure is NOT_VISIBLE and INTERVENTION is among what is withheld.
 */
export function toActivationView(
  row: ActivationRow,
  tokens: VersionTokens,
  measuresVisible: boolean,
): ActivationView {
  const withheld = measuresVisible
    ? row.withheld
    : [...new Set([...row.withheld, DataCategory.INTERVENTION])].sort();
  return {
    id: row.activation_id,
    caseNumber: row.case_number,
    title: isRecord(row.title) ? text(row.title.text) : null,
    kind: row.kind as ActivationKind,
    trigger: row.trigger as ActivationTrigger,
    themes: row.themes as Theme[],
    region: row.region,
    municipality: row.municipality,
    status: row.status as ActivationStatus,
    leadAgency: row.lead_agency,
    participants: row.participants,
    integratedDeployment: row.integrated,
    strongestMeasure: strongestMeasureOf(row.outcome, measuresVisible),
    outcome: measuresVisible ? (row.outcome as InterventionType | null) : null,
    location: toLocation(row.location),
    employer: toEmployer(row.employer),
    withheld: withheld as DataCategory[],
    version: tokens.of(activationStreamId(row.activation_id), row.stream_version),
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    corrected: row.corrected_at !== null && row.corrected_at !== undefined,
    correctedAt: row.corrected_at ?? null,
  };
}

/**
 * What the list row discloses, for the access log. Location and employer are the redacted parts of
 * activation.opened, so the catalogue classifies them as that event's fields; the rest is CASE.
 */
export function disclosureOfRow(row: ActivationRow): Disclosure | undefined {
  return disclosureOf(row.activation_id, 'activation.opened', {
    location: row.location,
    employer: row.employer,
    title: row.title,
  });
}

// Only the fields the schema names are passed on: a payload key nobody classified must not reach a client.

function toLocation(value: unknown): LocationView | null {
  if (!isRecord(value)) return null;
  return { address: text(value.address), postcode: text(value.postcode), city: text(value.city) };
}

function toCompany(value: unknown): CompanyView | null {
  if (!isRecord(value)) return null;
  return { name: text(value.name), kvkNumber: text(value.kvkNumber) };
}

function toEmployer(value: unknown): EmployerView | null {
  const company = toCompany(value);
  return (
    company && { ...company, staffingAgency: toCompany((value as Record<string, unknown>).staffingAgency) }
  );
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
