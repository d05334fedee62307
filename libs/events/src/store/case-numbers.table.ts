import { DataSource } from 'typeorm';
import { CaseNumber, caseYearOf, formatCaseNumber, SafetyRegion } from '#domain';

/**
 * case_numbers and case_number_counters: the write side's register of human case numbers. A number is
 * handed out once per activation id (a retried opening gets the same one back) from one counter per
 * region and year, so no two activations share one. A number handed out to an opening the decider then
 * refuses is not reused: the sequence can have gaps, never doubles.
 */
export class CaseNumbers {
  constructor(private readonly db: DataSource) {}

  async allocate(activationId: string, region: SafetyRegion, openedAt: string): Promise<CaseNumber> {
    const year = caseYearOf(openedAt);
    return this.db.transaction(async (tx) => {
      const held: { case_number: string }[] = await tx.query(
        `SELECT case_number FROM case_numbers WHERE activation_id = $1`,
        [activationId],
      );
      if (held[0]) return held[0].case_number as CaseNumber;
      const [{ last_number }]: { last_number: number }[] = await tx.query(
        `INSERT INTO case_number_counters (region, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (region, year) DO UPDATE SET last_number = case_number_counters.last_number + 1
         RETURNING last_number`,
        [region, year],
      );
      const number = formatCaseNumber(region, year, last_number);
      const inserted: { case_number: string }[] = await tx.query(
        `INSERT INTO case_numbers (case_number, activation_id) VALUES ($1, $2)
         ON CONFLICT (activation_id) DO NOTHING RETURNING case_number`,
        [number, activationId],
      );
      if (inserted[0]) return number;
      // A twin of this opening won the race for the activation id: its number is this one's too.
      const [twin]: { case_number: string }[] = await tx.query(
        `SELECT case_number FROM case_numbers WHERE activation_id = $1`,
        [activationId],
      );
      return twin.case_number as CaseNumber;
    });
  }
}
