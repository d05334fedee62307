/**
 * What of an entry's payload a person reads, by its path in the payload (`location.city`): ids and the
 * categories the catalogue classifies by say nothing to a reader and are left out. Labels are the messages
 * `entry.<path>`; every path of the event catalogue has one (apps/console/messages.spec.ts).
 */
export function isShownPath(path: string): boolean {
  return !/(^|\.)(id|[a-zA-Z]*Ids?|sha256|categories|[a-zA-Z]*Categories)$/.test(path);
}
