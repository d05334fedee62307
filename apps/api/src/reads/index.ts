// What other parts of the api may use of reads: the only way in from outside this folder.
export { ReadsModule } from './reads.module.js';
export { TimelineArgs } from './view-timeline/timeline.args.js';
export { TimelineEntry } from './view-timeline/timeline-entry.type.js';
export { activationNotFound } from './shared/read-errors.js';
export { inboxViewOf } from './view-inbox/inbox.resolver.js';
export { InboxItemView } from './view-inbox/inbox-item.type.js';
