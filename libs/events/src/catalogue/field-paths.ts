/** One leaf value of an event payload, with its schema path (`subjects[].bsn`) and where it sits (`['subjects', 0, 'bsn']`). */
export interface Leaf {
  readonly path: string;
  readonly location: readonly (string | number)[];
  readonly value: string | number | boolean | null;
}

/**
 * Every leaf of a JSON payload. Empty arrays and objects have no leaves: they carry no data of any
 * category. Schema paths drop array indexes, because all elements of an array share one classification.
 */
export function leavesOf(data: unknown): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (value: unknown, path: string, location: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((element, index) => walk(element, `${path}[]`, [...location, index]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (child !== undefined) walk(child, path === '' ? key : `${path}.${key}`, [...location, key]);
      }
    } else if (value !== undefined) {
      leaves.push({ path, location, value: value as Leaf['value'] });
    }
  };
  walk(data, '', []);
  return leaves;
}
