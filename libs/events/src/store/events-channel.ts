/** The LISTEN/NOTIFY channel on which every append wakes the subscriptions (payload-free: they read the table). */
export const EVENTS_CHANNEL = 'keten_events';
