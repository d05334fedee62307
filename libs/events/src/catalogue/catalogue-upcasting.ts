import { isActivationEventType } from '#domain';
import type { EventUpcasting } from '../store/event-envelope.js';
import { catalogueEntry, upcastEventData } from './activation-events.catalogue.js';

/**
 * The event store's upcasting, driven by the catalogue. Types the catalogue does not know (other
 * capabilities' streams) pass through unchanged; a version newer than the catalogue's throws, see
 * upcastEventData.
 */
export const catalogueUpcasting: EventUpcasting = {
  upcast(type, schemaVersion, data) {
    if (!isActivationEventType(type)) return { schemaVersion, data };
    return {
      schemaVersion: catalogueEntry(type).schemaVersion,
      data: upcastEventData(type, schemaVersion, data),
    };
  },
};
