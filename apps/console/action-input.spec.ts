import {
  centsOf,
  entryValue,
  initialValues,
  inputOf,
  problemsOf,
} from './src/activations/actions/action-input';
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

describe("an action's form as a command's input", () => {
  it('given euros as people type them, when read, then they are whole cents, and anything else is not', () => {
    expect(centsOf('1250')).toBe(125000);
    expect(centsOf('1.250,50')).toBe(125050);
    expect(centsOf('€ 12,5')).toBe(1250);
    expect(centsOf('1250.05')).toBe(125005);
    expect(centsOf('twaalf')).toBeUndefined();
    expect(centsOf('1,234')).toBeUndefined();
  });

  it('given fields at paths, when built, then each filled one is at its path and the empty ones are left out', () => {
    const form = spec(
      [
        { name: 'location.address', kind: 'text' },
        { name: 'location.postcode', kind: 'text' },
        { name: 'location.city', kind: 'text' },
        { name: 'confirmedInfection', kind: 'checkbox' },
      ],
      { ownIds: ['inspectionId'] },
    );
    expect(
      inputOf(form, { 'location.address': ' Kasweg 12 ', 'location.city': 'Rotterdam' }, 'a-1', 'c-1'),
    ).toEqual({
      activationId: 'a-1',
      commandId: 'c-1',
      inspectionId: 'c-1',
      location: { address: 'Kasweg 12', city: 'Rotterdam' },
    });
  });

  it('given an entry chosen from the timeline, when built, then its id and its kind are at their paths', () => {
    const form = spec([{ name: 'triggeredBy.id', kind: 'entry', kindAt: 'triggeredBy.kind' }]);
    expect(inputOf(form, { 'triggeredBy.id': entryValue('s-1', 'SIGNAL') }, 'a-1', 'c-1')).toMatchObject({
      triggeredBy: { id: 's-1', kind: 'SIGNAL' },
    });
  });

  it('given an amount and a time, when built, then the amount is in cents and the time an instant', () => {
    const form = spec([
      { name: 'amountEuroCents', kind: 'euros' },
      { name: 'plannedAt', kind: 'datetime' },
    ]);
    const input = inputOf(form, { amountEuroCents: '1.250,50', plannedAt: '2026-12-10T09:00' }, 'a', 'c');
    expect(input.amountEuroCents).toBe(125050);
    expect(input.plannedAt).toBe(new Date('2026-12-10T09:00').toISOString());
  });

  it('given required fields left empty and an amount that is none, when checked, then each is named', () => {
    const form = spec([
      { name: 'interventionType', kind: 'select', options: ['WARNING', 'FINE'] },
      { name: 'description', kind: 'textarea', required: true },
      { name: 'amountEuroCents', kind: 'euros' },
    ]);
    const values = { ...initialValues(form), description: '  ', amountEuroCents: 'veel' };
    expect(values.interventionType).toBe('WARNING');
    expect(problemsOf(form, values)).toEqual({ description: 'form.required', amountEuroCents: 'form.euros' });
    expect(problemsOf(form, { ...values, description: 'Geen nooduitgang', amountEuroCents: '' })).toEqual({});
  });
});

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
