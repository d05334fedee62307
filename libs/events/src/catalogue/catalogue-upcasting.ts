import { isActivationEventType, isAgreementEventType } from '#domain';
import type { EventUpcasting } from '../store/event-envelope.js';
import { catalogueEntry, upcastEventData } from './activation-events.catalogue.js';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS, upcastAgreementData } from './agreement-events.catalogue.js';

/**
 * The event store's upcasting, driven by the catalogue. Agreement events have upcasters of their own; types the catalogue does
 * not know pass through unchanged; a version newer than the catalogue's throws, see
 * upcastEventData.
 */
export const catalogueUpcasting: EventUpcasting = {
  upcast(type, schemaVersion, data) {
    if (isAgreementEventType(type)) {
      return {
        schemaVersion: AGREEMENT_EVENT_SCHEMA_VERSIONS[type],
        data: upcastAgreementData(type, schemaVersion, data),
      };
    }
    if (!isActivationEventType(type)) return { schemaVersion, data };
    return {
      schemaVersion: catalogueEntry(type).schemaVersion,
      data: upcastEventData(type, schemaVersion, data),
    };
  },
};
