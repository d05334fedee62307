import { ActivationList } from './ActivationList';

/** My cases: the activations the agency takes part in, not those it sees as the region's coordinator. */
export function MyCases() {
  return (
    <ActivationList
      filter={{ participating: true }}
      texts={{ heading: 'myCases.heading', intro: 'myCases.intro', empty: 'myCases.empty' }}
    />
  );
}
