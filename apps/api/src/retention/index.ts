// What other parts of the api may use of retention and archiving: the only way in from outside this folder.
export { RetentionModule } from './retention.module.js';
export {
  ArchiveDecisionView,
  SelectionListCategoryInput,
  SelectionListCategoryView,
  toArchiveDecisionView,
  toSelectionListCategoryView,
} from './archive.graphql.js';
