import { DataSource } from 'typeorm';
import { loadConfig } from '#platform';
import {
  ActivationEvent,
  AgencyCode,
  AgreementInForceView,
  AgreementStatus,
  categoriesInForce,
  DataCategory,
  Instant,
  isActivationEventType,
  SafetyRegion,
} from '#domain';
import {
  activationIdOfStream,
  categoriesAt,
  leavesOf,
  personalDataVault,
  primaryCategoryOf,
  upcastEventData,
} from '#events';

/*
 * The leak matrix's expectations, computed independently of the redaction function and the projectors:
 * markers placed in the commands, found again in the stored events with the catalogue's categories of the
 * fields holding them, and which agency may see which event from the participants of each activation
 * replayed here and the agreements (categoriesInForce).
 */

/** Unique, searchable values: `LEAK-<category>-<nnn>` texts, and numbers, BSNs, KvK numbers, dates. */
export class Markers {
  readonly tokens = new Set<string>();
  private next = 0;

  private add(token: string): string {
    this.tokens.add(token);
    return token;
  }

  text(category: DataCategory): string {
    return this.add(`LEAK-${category}-${String(++this.next).padStart(3, '0')}`);
  }

  /** An amount in cents no other value in a response has: eight digits starting 9731. */
  cents(): number {
    return Number(this.add(String(97_310_000 + ++this.next)));
  }

  kvk(): string {
    return this.add(String(66_500_000 + ++this.next));
  }

  /** A BSN that passes the eleven-test, starting 173 so it is not mistaken for another number. */
  bsn(): string {
    for (let candidate = 173_000_000 + ++this.next * 100; ; candidate++) {
      const digits = String(candidate);
      const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i === 8 ? -1 : 9 - i), 0);
      if (sum % 11 === 0 && !this.tokens.has(digits)) return this.add(digits);
    }
  }

  birthDate(): string {
    const n = ++this.next;
    return this.add(`19${String(10 + (n % 80)).padStart(2, '0')}-0${1 + (n % 9)}-${String(10 + (n % 18))}`);
  }

  /** A person named by a signal or finding, every field a marker except the nationality. */
  subject() {
    return {
      subjectId: this.text(DataCategory.PERSONAL),
      name: this.text(DataCategory.PERSONAL),
      bsn: this.bsn(),
      birthDate: this.birthDate(),
      nationality: 'PL',
    };
  }

  /** The markers a serialised response or message contains. */
  foundIn(serialised: string): Set<string> {
    return new Set([...this.tokens].filter((token) => serialised.includes(token)));
  }
}

export interface OracleEvent {
  eventId: string;
  activationId: string;
  streamVersion: number;
  type: string;
  region: string;
  /** The agency whose actor caused the event: it keeps seeing it after it leaves. */
  actingAgency: string;
  /** The agency an invitation or referral is addressed to: it reads it in its inbox. */
  addressee?: string;
  primary: DataCategory;
  /** Each marker the event holds, with the categories an agency must hold to see it there. */
  markers: Map<string, DataCategory[]>;
}

/** What one agency may see: event ids, and the markers those events may show it. */
export interface Expectation {
  eventIds: Set<string>;
  tokens: Set<string>;
}

export class LeakOracle {
  /** Events by activation, in stream order. */
  readonly streams = new Map<string, OracleEvent[]>();
  /** Agencies entitled to each event when it happened (with the history of an activation on joining). */
  private readonly fedTo = new Map<string, Set<string>>();
  /** Agencies entitled to each activation now. */
  private readonly entitledNow = new Map<string, Set<string>>();
  /**
   * Markers a later correction replaced in the entry it corrects (AVG art. 16): the read models show the
   * corrected value there instead, while the feeds keep what they delivered. Allowed where they were,
   * no longer required in a timeline.
   */
  readonly superseded = new Set<string>();

  private constructor(private readonly agreements: readonly AgreementInForceView[]) {}

  static async load(
    db: DataSource,
    markers: Markers,
    grants: readonly ({ agency: string; categories: string[] } & Record<string, unknown>)[],
  ): Promise<LeakOracle> {
    const oracle = new LeakOracle(
      grants.map((grant) => ({
        agency: grant.agency,
        categories: grant.categories,
        status: AgreementStatus.GRANTED,
        validFrom: grant.validFrom as string,
        validUntil: (grant.validUntil as string | undefined) ?? null,
        regionScope: (grant.regionScope as string | undefined) ?? null,
      })),
    );
    const rows: {
      event_id: string;
      stream_id: string;
      stream_version: number;
      type: string;
      schema_version: number;
      data: unknown;
      acting_agency: string;
    }[] = await db.query(
      `SELECT event_id, stream_id, stream_version, type, schema_version, data,
         metadata->'actor'->>'agency' AS acting_agency FROM events
       WHERE stream_id LIKE 'activation-%' ORDER BY stream_id, stream_version`,
    );
    // The store seals personal values at rest (issue 19): the oracle reads them opened, as every reader does.
    const opened = await personalDataVault(db, loadConfig()).open(rows.map((row) => row.data));
    rows.forEach((row, index) => (row.data = opened[index]));
    const decoded = new Map<string, ActivationEvent[]>();
    for (const row of rows) {
      if (!isActivationEventType(row.type)) throw new Error(`unknown event type ${row.type}`);
      const activationId = activationIdOfStream(row.stream_id)!;
      const event = {
        type: row.type,
        data: upcastEventData(row.type, row.schema_version, row.data),
      } as ActivationEvent;
      decoded.set(activationId, [...(decoded.get(activationId) ?? []), event]);
      const stream = oracle.streams.get(activationId) ?? [];
      const region = stream[0]?.region ?? (event.data as { region: string }).region;
      const primary = primaryCategoryOf(event);
      const found = new Map<string, DataCategory[]>();
      for (const leaf of leavesOf(event.data)) {
        if (leaf.value === null) continue;
        for (const token of markers.foundIn(String(leaf.value))) {
          found.set(token, [primary, ...categoriesAt(event, leaf.path)!]);
        }
      }
      stream.push({
        eventId: row.event_id,
        activationId,
        streamVersion: row.stream_version,
        type: row.type,
        region,
        actingAgency: row.acting_agency,
        addressee:
          row.type === 'agency.invited'
            ? (row.data as { agency: string }).agency
            : row.type === 'referral.made'
              ? (row.data as { toAgency: string }).toAgency
              : undefined,
        primary,
        markers: found,
      });
      oracle.streams.set(activationId, stream);
    }
    for (const [activationId, stream] of oracle.streams) oracle.replay(activationId, stream, rows);
    for (const events of decoded.values()) oracle.supersede(events, markers);
    return oracle;
  }

  /** Collects the markers each correction replaced in the entry it corrects (see superseded). */
  private supersede(events: readonly ActivationEvent[], markers: Markers): void {
    const tokensAt = (
      event: ActivationEvent | undefined,
      within: (location: readonly (string | number)[]) => boolean,
    ) =>
      leavesOf(event?.data ?? {})
        .filter((leaf) => leaf.value !== null && within(leaf.location))
        .flatMap((leaf) => [...markers.foundIn(String(leaf.value))]);
    const entry = (kind: string, id: string) =>
      events.find((e) =>
        kind === 'SIGNAL'
          ? e.type === 'signal.recorded' && e.data.signalId === id
          : e.type === 'finding.recorded' && e.data.findingId === id,
      );
    const opened = events.find((e) => e.type === 'activation.opened');
    for (const correction of events) {
      const replaced: string[] = [];
      switch (correction.type) {
        case 'subject.corrected': {
          const target = entry(correction.data.entryKind, correction.data.entryId);
          const subjects =
            (target?.data as { subjects?: { subjectId: string }[] } | undefined)?.subjects ?? [];
          const index = subjects.findIndex((s) => s.subjectId === correction.data.subject.subjectId);
          const kept = new Set(tokensAt(correction, () => true));
          replaced.push(
            ...tokensAt(target, ([key, i]) => key === 'subjects' && i === index).filter((t) => !kept.has(t)),
          );
          break;
        }
        case 'finding.corrected': {
          const target = entry('FINDING', correction.data.findingId);
          if (correction.data.description)
            replaced.push(...tokensAt(target, ([key]) => key === 'description'));
          if (correction.data.amounts) replaced.push(...tokensAt(target, ([key]) => key === 'amounts'));
          break;
        }
        case 'location.corrected':
          replaced.push(...tokensAt(opened, ([key]) => key === 'location'));
          break;
        case 'employer.corrected':
          replaced.push(...tokensAt(opened, ([key]) => key === 'employer'));
          break;
        default:
          break;
      }
      replaced.forEach((token) => this.superseded.add(token));
    }
  }

  /** Participants from the events themselves: the lead on opening, then joins and departures. */
  private replay(activationId: string, stream: OracleEvent[], rows: { event_id: string; data: unknown }[]) {
    const dataOf = new Map(rows.map((row) => [row.event_id, row.data as Record<string, string>]));
    const participants = new Set<string>();
    let entitled = new Set<string>();
    stream.forEach((event, index) => {
      const data = dataOf.get(event.eventId)!;
      if (event.type === 'activation.opened') participants.add(data.leadAgency);
      if (event.type === 'agency.joined') participants.add(data.agency);
      if (event.type === 'agency.left') participants.delete(data.agency);
      const now = new Set([...participants, event.region]);
      for (const agency of now) {
        // Newly entitled: the feed gives it the history of the activation then.
        const items = entitled.has(agency) || index === 0 ? [event] : stream.slice(0, index + 1);
        for (const item of items) {
          const agencies = this.fedTo.get(item.eventId) ?? new Set<string>();
          agencies.add(agency);
          this.fedTo.set(item.eventId, agencies);
        }
      }
      entitled = now;
    });
    this.entitledNow.set(activationId, entitled);
  }

  granted(agency: string, region: string): Set<DataCategory> {
    return categoriesInForce(
      this.agreements,
      agency as AgencyCode,
      region as SafetyRegion,
      new Date().toISOString() as Instant,
    );
  }

  /** Activations whose rows (activation, activations, timeline, statistics) the agency sees. */
  visibleActivations(agency: string): string[] {
    return [...this.streams.keys()].filter(
      (id) =>
        this.entitledNow.get(id)!.has(agency) &&
        this.granted(agency, this.streams.get(id)![0].region).has(DataCategory.CASE),
    );
  }

  /**
   * `ownInFull`: the read models show an agency all of what it recorded itself while an agreement covers
   * the case (CASE); its feed, like everyone else's, only what its agreements allow.
   */
  private expect(agency: string, events: Iterable<OracleEvent>, ownInFull = false): Expectation {
    const eventIds = new Set<string>();
    const tokens = new Set<string>();
    for (const event of events) {
      const agreed = this.granted(agency, event.region);
      const granted =
        ownInFull && event.actingAgency === agency && agreed.has(DataCategory.CASE)
          ? new Set(Object.values(DataCategory))
          : agreed;
      if (!granted.has(event.primary)) continue;
      eventIds.add(event.eventId);
      for (const [token, needs] of event.markers) if (needs.every((c) => granted.has(c))) tokens.add(token);
    }
    return { eventIds, tokens };
  }

  /**
   * The agency's timeline of one activation: all of it when it may see the activation; when it left,
   * what it contributed itself (DESIGN §4); empty otherwise.
   */
  timeline(agency: string, activationId: string, { asDelivered = false } = {}): Expectation {
    const visible = this.visibleActivations(agency).includes(activationId);
    const expected = this.expect(
      agency,
      visible ? this.streams.get(activationId)! : this.ownAfterLeaving(agency, activationId),
      true,
    );
    return asDelivered ? expected : this.withoutSuperseded(expected);
  }

  /** The read models show corrected values where a correction replaced the original ones. */
  private withoutSuperseded(expected: Expectation): Expectation {
    return { ...expected, tokens: new Set([...expected.tokens].filter((t) => !this.superseded.has(t))) };
  }

  /** The events an agency no longer entitled to the activation caused itself. */
  ownAfterLeaving(agency: string, activationId: string): OracleEvent[] {
    if (this.entitledNow.get(activationId)!.has(agency)) return [];
    return this.streams.get(activationId)!.filter((e) => e.actingAgency === agency);
  }

  /**
   * What the agency's inbox may show: the invitations and referrals addressed to it (when it holds CASE
   * there), their reason as its categories allow (a referral's with INTERVENTION: it is addressed to it), and
   * of the case only what is CASE alone.
   */
  inbox(agency: string): { activationIds: Set<string>; tokens: Set<string> } {
    const activationIds = new Set<string>();
    const tokens = new Set<string>();
    for (const [activationId, stream] of this.streams) {
      const granted = this.granted(agency, stream[0].region);
      if (!granted.has(DataCategory.CASE)) continue;
      const addressed = stream.filter((e) => e.addressee === agency);
      if (addressed.length === 0) continue;
      activationIds.add(activationId);
      for (const [token, needs] of stream[0].markers)
        if (needs.every((c) => c === DataCategory.CASE)) tokens.add(token);
      for (const event of addressed) {
        const readable = new Set(granted);
        if (event.type === 'referral.made') readable.add(DataCategory.INTERVENTION);
        for (const [token, needs] of event.markers)
          if (needs.every((c) => readable.has(c))) tokens.add(token);
      }
    }
    return { activationIds, tokens };
  }

  /** What the read models may show the agency, over all its activations. */
  readModels(agency: string): Expectation {
    const visible = this.visibleActivations(agency);
    return this.readModelsOf(agency, visible);
  }

  private readModelsOf(agency: string, visible: string[]): Expectation {
    const expected = this.expect(
      agency,
      [
        ...visible.flatMap((id) => this.streams.get(id)!),
        ...[...this.streams.keys()]
          .filter((id) => !visible.includes(id))
          .flatMap((id) => this.ownAfterLeaving(agency, id)),
      ],
      true,
    );
    return this.withoutSuperseded(expected);
  }

  /** The agency's feed (query, subscription, Kafka topic); `since` limits it to later stream versions. */
  feed(agency: string, since: ReadonlyMap<string, number> = new Map()): Expectation {
    const events = [...this.streams.values()]
      .flat()
      .filter((e) => this.fedTo.get(e.eventId)?.has(agency))
      .filter((e) => e.streamVersion > (since.get(e.activationId) ?? 0));
    return this.expect(agency, events);
  }

  /** The markers the agency may see anywhere: in its read models or its feed. */
  allowed(agency: string): Set<string> {
    return new Set([...this.readModels(agency).tokens, ...this.feed(agency).tokens]);
  }

  /** Every marker that made it into an event. */
  allTokens(): Set<string> {
    return new Set([...this.streams.values()].flat().flatMap((e) => [...e.markers.keys()]));
  }

  eventIdsOf(activationId: string, sinceVersion = 0): Set<string> {
    return new Set(
      this.streams
        .get(activationId)!
        .filter((e) => e.streamVersion > sinceVersion)
        .map((e) => e.eventId),
    );
  }

  event(eventId: string): OracleEvent {
    const event = [...this.streams.values()].flat().find((e) => e.eventId === eventId);
    if (!event) throw new Error(`no activation event ${eventId}`);
    return event;
  }

  regionOf(activationId: string): string {
    return this.streams.get(activationId)![0].region;
  }
}

/** The markers in a serialised response that the agency may not see; empty when nothing leaked. */
export function leaked(serialised: string, markers: Markers, allowed: ReadonlySet<string>): string[] {
  return [...markers.foundIn(serialised)].filter((token) => !allowed.has(token)).sort();
}

/** The expected markers missing from a serialised response: empty when everything granted is there. */
export function missing(serialised: string, expected: ReadonlySet<string>): string[] {
  return [...expected].filter((token) => !serialised.includes(token)).sort();
}
