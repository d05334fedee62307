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

/** The list row of one agency: case facts (CASE), and location and employer as its agreements allow. */
export interface ActivationRow {
  agency: string;
  facts: ActivationFacts;
  location: unknown;
  employer: unknown;
  withheld: DataCategory[];
}
