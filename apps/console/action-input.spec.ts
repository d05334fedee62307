import { initialValues, inputOf, problemsOf } from './src/activations/actions/action-input';
import type { ActionSpec, ActivationFacts } from './src/activations/actions/action-table';

/** How a form of the action table (src/activations/actions/) becomes a command's input. */
const FACTS: ActivationFacts = {
  version: 'v7',
  region: 'VR17',
  municipality: 'GM0599',
  leadAgency: 'NLA',
  participants: ['NLA', 'GM0599'],
};

const spec = (fields: ActionSpec['fields'], more: Partial<ActionSpec> = {}): ActionSpec =>
  ({ name: 'test', mutation: {} as ActionSpec['mutation'], fields, ...more }) as ActionSpec;

const DEPLOYMENT = spec(
  [
    { name: 'integrated', kind: 'yesNo' },
    { name: 'agencies', kind: 'agencies', agencies: 'participants', when: 'integrated' },
    { name: 'rationale', kind: 'textarea', required: true },
  ],
  { versioned: true },
);

describe('the action forms: from the fields to the input', () => {
  it('given a versioned action, when sent, then it carries the version read as expectedVersion', () => {
    const input = inputOf(DEPLOYMENT, initialValues(DEPLOYMENT, FACTS), 'a1', 'c1', FACTS);
    expect(input).toMatchObject({ activationId: 'a1', commandId: 'c1', expectedVersion: 'v7' });
    const plain = spec([{ name: 'reason', kind: 'textarea' }]);
    expect(inputOf(plain, {}, 'a1', 'c1', FACTS)).not.toHaveProperty('expectedVersion');
  });

  it('given yes and two agencies chosen, when sent, then integrated is true and both are named', () => {
    const values = { integrated: 'true', agencies: ['NLA', 'GM0599'], rationale: ' Samen ' };
    expect(inputOf(DEPLOYMENT, values, 'a1', 'c1', FACTS)).toMatchObject({
      integrated: true,
      agencies: ['NLA', 'GM0599'],
      rationale: 'Samen',
    });
  });

  it('given no, when sent, then the agencies field it hides sends none, and is not checked', () => {
    const values = { integrated: 'false', agencies: ['NLA'], rationale: '' };
    expect(inputOf(DEPLOYMENT, values, 'a1', 'c1', FACTS)).toMatchObject({ integrated: false, agencies: [] });
    expect(problemsOf(DEPLOYMENT, values)).toEqual({ rationale: 'form.required' });
  });

  it("given a correction of the region, when the form opens, then it starts from the activation's own", () => {
    const correction = spec([
      { name: 'region', kind: 'text', initial: 'region' },
      { name: 'municipality', kind: 'text', initial: 'municipality' },
      { name: 'integrated', kind: 'yesNo' },
      { name: 'agencies', kind: 'agencies' },
    ]);
    expect(initialValues(correction, FACTS)).toEqual({
      region: 'VR17',
      municipality: 'GM0599',
      integrated: 'true',
      agencies: [],
    });
  });
});
