import { registerEnumType } from '@nestjs/graphql';
import { InterventionType } from '#domain';

/**
 * The strongest measure imposed on an activation, as the viewer may know it: a measure type, NONE when the
 * viewer sees measures and none was imposed, NOT_VISIBLE when its agreements (for the read's activity) do
 * not cover INTERVENTION, so that "no measures" is never said about a case whose measures are hidden.
 */
export const StrongestMeasure = { ...InterventionType, NONE: 'NONE', NOT_VISIBLE: 'NOT_VISIBLE' } as const;
export type StrongestMeasure = (typeof StrongestMeasure)[keyof typeof StrongestMeasure];

registerEnumType(StrongestMeasure, {
  name: 'StrongestMeasure',
  description:
    'The strongest measure imposed so far (closure weighs most), NONE, or NOT_VISIBLE to your agency.',
  valuesMap: {
    NONE: { description: 'No measure imposed (your agency sees measures).' },
    NOT_VISIBLE: {
      description: 'Measures are not visible to your agency (no INTERVENTION for the declared activity).',
    },
  },
});

/** The list row's outcome column (null when none or hidden) as the viewer may know it. */
export function strongestMeasureOf(outcome: string | null, measuresVisible: boolean): StrongestMeasure {
  if (!measuresVisible) return StrongestMeasure.NOT_VISIBLE;
  return (outcome as InterventionType | null) ?? StrongestMeasure.NONE;
}
