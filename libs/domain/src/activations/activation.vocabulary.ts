import { AgencyCode } from '../shared/agency-code.value.js';
import { Bsn } from '../shared/bsn.value.js';
import { CalendarDate } from '../shared/calendar-date.value.js';
import { CountryCode } from '../shared/country-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { EuroCents } from '../shared/euro-cents.value.js';
import { KvkNumber } from '../shared/kvk-number.value.js';
import { Postcode } from '../shared/postcode.value.js';

/** Preventive: living, working or transport conditions without confirmed infections; repressive: after them. */
export enum ActivationKind {
  PREVENTIVE = 'PREVENTIVE',
  REPRESSIVE = 'REPRESSIVE',
}

export enum ActivationTrigger {
  OWN_OBSERVATION = 'OWN_OBSERVATION',
  EXTERNAL_REPORT = 'EXTERNAL_REPORT',
}

export enum Theme {
  HOUSING = 'HOUSING',
  WORK = 'WORK',
  TRANSPORT = 'TRANSPORT',
  HEALTH = 'HEALTH',
}

export enum ActivationStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}

export enum SignalSourceKind {
  /** One of the partner agencies passed the signal on. */
  PARTNER_AGENCY = 'PARTNER_AGENCY',
  /** An organisation or person outside the partnership, such as a union, a neighbour or a hospital. */
  EXTERNAL = 'EXTERNAL',
  /** Someone who did not give a name. */
  ANONYMOUS = 'ANONYMOUS',
}

export enum InterventionType {
  WARNING = 'WARNING',
  ORDER = 'ORDER',
  FINE = 'FINE',
  CLOSURE = 'CLOSURE',
  REFERRAL = 'REFERRAL',
}

export enum InspectionStatus {
  SCHEDULED = 'SCHEDULED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

/**
 * The data categories a finding can be about. CASE, INTERVENTION and REPORT are left out: they describe
 * the case itself, not something found in it.
 */
export type FindingCategory =
  | DataCategory.LOCATION
  | DataCategory.EMPLOYER
  | DataCategory.PERSONAL
  | DataCategory.HEALTH
  | DataCategory.INCOME
  | DataCategory.BENEFITS
  | DataCategory.TAX
  | DataCategory.CRIMINAL;

export const FINDING_CATEGORIES: readonly FindingCategory[] = [
  DataCategory.LOCATION,
  DataCategory.EMPLOYER,
  DataCategory.PERSONAL,
  DataCategory.HEALTH,
  DataCategory.INCOME,
  DataCategory.BENEFITS,
  DataCategory.TAX,
  DataCategory.CRIMINAL,
];

/** Findings that may carry money amounts: wages and deductions, benefits, tax. */
export const MONETARY_FINDING_CATEGORIES: readonly FindingCategory[] = [
  DataCategory.INCOME,
  DataCategory.BENEFITS,
  DataCategory.TAX,
];

export interface Location {
  /** Street and house number. */
  readonly address: string;
  readonly postcode?: Postcode;
  readonly city: string;
}

export interface Company {
  readonly name: string;
  readonly kvkNumber?: KvkNumber;
}

export interface Employer extends Company {
  /** The uitzendbureau through which the workers are hired, when there is one. */
  readonly staffingAgency?: Company;
}

/**
 * A person the case is about, typically a worker. `subjectId` is chosen by the caller and stays the same
 * for the same person across signals and findings of an activation, so the access log can record one line
 * per person without copying the BSN.
 */
export interface Subject {
  readonly subjectId: string;
  readonly name?: string;
  readonly bsn?: Bsn;
  readonly birthDate?: CalendarDate;
  readonly nationality?: CountryCode;
}

export interface MonetaryAmount {
  /** What the amount is, such as "hourly wage paid" or "weekly deduction for housing". */
  readonly label: string;
  readonly euroCents: EuroCents;
}

export interface SignalSource {
  readonly kind: SignalSourceKind;
  /** Set when kind is PARTNER_AGENCY. */
  readonly agency?: AgencyCode;
  /** The organisation or person who reported; set when kind is EXTERNAL, optional for PARTNER_AGENCY. */
  readonly name?: string;
}

/** The confirmed-infection signal or finding that makes an activation repressive. */
export interface InfectionEvidence {
  readonly kind: 'SIGNAL' | 'FINDING';
  readonly id: string;
}
