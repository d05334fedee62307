// What other capabilities of the api may use of the register of processing activities.
export { ProcessingActivitiesModule } from './processing-activities.module.js';
