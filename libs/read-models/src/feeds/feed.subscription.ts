/** The checkpoint name of the feed projector, and the channel it announces new feed rows on. */
export const FEED_SUBSCRIPTION = 'agency-feeds';
export const FEED_CHANNEL = 'keten_feed';
