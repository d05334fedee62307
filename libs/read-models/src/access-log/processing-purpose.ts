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
