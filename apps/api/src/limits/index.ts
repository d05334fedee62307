// What other parts of the api may use of the limits: the only way in from outside this folder.
export { GraphqlLimits } from './graphql-limits.js';
export { LimitsModule } from './limits.module.js';
export { AgencyRateBudget } from './agency-rate-limit.guard.js';
