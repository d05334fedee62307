/**
 * The processing activities (verwerkingsactiviteiten) a read of case data can serve. The client names
 * one in the `x-purpose` request header; the access log records it with every line, as the Logboek
 * Dataverwerkingen asks. Without the header a read serves CASE_COORDINATION, what keten is for; the
 * relay's Kafka deliveries serve it too.
 */
export enum ProcessingPurpose {
  /** Working an activation together with the other agencies: the default. */
  CASE_COORDINATION = 'CASE_COORDINATION',
  /** Supervision and enforcement under the reading agency's own legal powers. */
  SUPERVISION = 'SUPERVISION',
  /** Answering a data subject's request (inzage, GDPR art. 15) about what is held on them. */
  DATA_SUBJECT_REQUEST = 'DATA_SUBJECT_REQUEST',
}

export const DEFAULT_PURPOSE = ProcessingPurpose.CASE_COORDINATION;

export function isProcessingPurpose(value: unknown): value is ProcessingPurpose {
  return typeof value === 'string' && (Object.values(ProcessingPurpose) as string[]).includes(value);
}

/**
 * The register entry each purpose names (built in, version 1): agreements serve activities by these ids,
 * and a read sees a category only through an agreement serving its purpose's activity.
 */
export const PURPOSE_ACTIVITIES: Readonly<Record<ProcessingPurpose, string>> = {
  [ProcessingPurpose.CASE_COORDINATION]: 'case-coordination',
  [ProcessingPurpose.SUPERVISION]: 'supervision',
  [ProcessingPurpose.DATA_SUBJECT_REQUEST]: 'data-subject-request',
};

/** The purpose an x-purpose value names: its name (CASE_COORDINATION) or its register id (case-coordination). */
export function processingPurposeOf(value: string): ProcessingPurpose | undefined {
  const upper = value.trim().toUpperCase();
  if (isProcessingPurpose(upper)) return upper;
  return (Object.entries(PURPOSE_ACTIVITIES) as [ProcessingPurpose, string][]).find(
    ([, id]) => id === value.trim().toLowerCase(),
  )?.[0];
}

/**
 * What the access log's purpose column says of a read serving `activityId`: a built-in purpose's name
 * (CASE_COORDINATION), or the register id of another activity.
 */
export function purposeOfActivity(activityId: string): string {
  const builtIn = (Object.entries(PURPOSE_ACTIVITIES) as [ProcessingPurpose, string][]).find(
    ([, id]) => id === activityId,
  );
  return builtIn ? builtIn[0] : activityId;
}
