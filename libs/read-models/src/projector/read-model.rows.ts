import { DataCategory } from '#domain';
import { ActivationFacts } from '../activations/activation-facts.js';

export interface TimelineRow {
  agency: string;
  activationId: string;
  streamVersion: number;
  eventId: string;
  eventType: string;
  occurredAt: string;
  actingAgency: string;
  payload: unknown;
  withheld: DataCategory[];
}

/**
 * The list row of one agency: case facts (CASE), and location, employer and outcome as its agreements
 * allow. The outcome is the strongest measure imposed, an INTERVENTION fact: an agency without that
 * category does not learn that a measure was imposed at all (null, counted as NONE in statistics).
 */
export interface ActivationRow {
  agency: string;
  facts: ActivationFacts;
  location: unknown;
  employer: unknown;
  outcome: ActivationFacts['strongestMeasure'];
  withheld: DataCategory[];
}
