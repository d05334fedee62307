import { DataCategory, sensitivityOf } from '../shared/data-category.enum.js';

/**
 * The categories a document carries when its author declares none: those of the most sensitive event of
 * the activation that the author's agency sees, as it sees it (on a tie, of all such events together),
 * CASE left out since a document is never bare case structure; PERSONAL when that leaves nothing, as for
 * free text. `seen` is what each visible event carries for the author's agency, so the default never names
 * a category of something the agency may not see (which would tell it that something exists).
 */
export function defaultDocumentCategories(seen: Iterable<Iterable<DataCategory>>): DataCategory[] {
  let best = Number.POSITIVE_INFINITY;
  let chosen = new Set<DataCategory>();
  for (const carried of seen) {
    const categories = new Set([...carried].filter((category) => category !== DataCategory.CASE));
    if (categories.size === 0) continue;
    const rank = sensitivityOf(categories);
    if (rank < best) {
      best = rank;
      chosen = categories;
    } else if (rank === best) {
      categories.forEach((category) => chosen.add(category));
    }
  }
  if (chosen.size === 0) chosen.add(DataCategory.PERSONAL);
  return [...chosen].sort();
}
