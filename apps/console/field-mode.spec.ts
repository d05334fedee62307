import {
  CommandQueue,
  EMPTY_QUEUE,
  ownerOf,
  type Delivery,
  type QueuedCommand,
  type QueueState,
  type QueueStore,
} from './src/field-mode/command-queue';

/** Field mode's queue (src/field-mode/command-queue.ts): what waits on the device, and what is sent when. */
class MemoryStore implements QueueStore {
  saved: QueueState = EMPTY_QUEUE;
  load(): QueueState {
    return this.saved;
  }
  save(state: QueueState): void {
    this.saved = state;
  }
}

const command = (commandId: string, owner = 'NLA/Inspecteur'): QueuedCommand => ({
  commandId,
  owner,
  label: 'finding.heading',
  query: 'mutation { recordFinding }',
  variables: { input: { commandId } },
  queuedAt: '2026-12-02T10:00:00.000Z',
});

/** A sender that answers from a script and remembers the command ids it was given, in order. */
function sender(...answers: Delivery[]) {
  const sent: string[] = [];
  const deliver = async (queued: QueuedCommand): Promise<Delivery> => {
    sent.push(queued.commandId);
    return answers.shift() ?? { outcome: 'done' };
  };
  return { sent, deliver };
}

const ids = (commands: readonly QueuedCommand[]) => commands.map((queued) => queued.commandId);

describe('field mode: the queue of commands given while offline', () => {
  it('given a command queued twice with one command id, when it is listed, then it waits once', () => {
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('a'));
    queue.enqueue(command('a'));
    expect(ids(queue.current.waiting)).toEqual(['a']);
  });

  it('given commands kept on the device, when the page loads again, then they still wait, in order', () => {
    const store = new MemoryStore();
    const first = new CommandQueue(store);
    first.enqueue(command('a'));
    first.enqueue(command('b'));
    expect(ids(new CommandQueue(store).current.waiting)).toEqual(['a', 'b']);
  });

  it('given two waiting commands, when the api answers both, then each is sent once in order and none waits', async () => {
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('a'));
    queue.enqueue(command('b'));
    const { sent, deliver } = sender();
    await queue.flush('NLA/Inspecteur', deliver);
    expect(sent).toEqual(['a', 'b']);
    expect(queue.current).toEqual(EMPTY_QUEUE);
  });

  it('given the api still unreachable, when flushed, then it stops at the first and keeps all with their ids', async () => {
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('a'));
    queue.enqueue(command('b'));
    const { sent, deliver } = sender({ outcome: 'unreachable' });
    await queue.flush('NLA/Inspecteur', deliver);
    expect(sent).toEqual(['a']);
    expect(ids(queue.current.waiting)).toEqual(['a', 'b']);
  });

  it('given a command the api refuses, when flushed, then it is set aside with the reason and the next is sent', async () => {
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('a'));
    queue.enqueue(command('b'));
    const { sent, deliver } = sender({ outcome: 'refused', message: 'De activatie is gesloten.' });
    await queue.flush('NLA/Inspecteur', deliver);
    expect(sent).toEqual(['a', 'b']);
    expect(queue.current.waiting).toEqual([]);
    expect(queue.current.refused).toEqual([{ ...command('a'), message: 'De activatie is gesloten.' }]);
    queue.dismiss('a');
    expect(queue.current.refused).toEqual([]);
  });

  it('given two flushes at once, when they run, then each command is sent exactly once', async () => {
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('a'));
    const { sent, deliver } = sender();
    await Promise.all([queue.flush('NLA/Inspecteur', deliver), queue.flush('NLA/Inspecteur', deliver)]);
    expect(sent).toEqual(['a']);
  });

  it("given another person's command on the device, when one flushes, then only their own is sent", async () => {
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('theirs', 'UWV/Inspecteur'));
    queue.enqueue(command('mine'));
    const { sent, deliver } = sender();
    await queue.flush('NLA/Inspecteur', deliver);
    expect(sent).toEqual(['mine']);
    expect(ids(queue.current.waiting)).toEqual(['theirs']);
  });

  it('given two people of one agency with the same name, when one flushes, then only their own is sent', async () => {
    const mine = ownerOf({ agency: 'NLA', userId: 'inspecteur@nla' });
    const theirs = ownerOf({ agency: 'NLA', userId: 'inspecteur2@nla' });
    expect(mine).not.toBe(theirs);
    const queue = new CommandQueue(new MemoryStore());
    queue.enqueue(command('theirs', theirs));
    queue.enqueue(command('mine', mine));
    const { sent, deliver } = sender();
    await queue.flush(mine, deliver);
    expect(sent).toEqual(['mine']);
    expect(ids(queue.current.waiting)).toEqual(['theirs']);
  });

  it('given a listener, when a command is queued and sent, then it hears each change', async () => {
    const queue = new CommandQueue(new MemoryStore());
    let changes = 0;
    const stop = queue.subscribe(() => changes++);
    queue.enqueue(command('a'));
    await queue.flush('NLA/Inspecteur', sender().deliver);
    stop();
    queue.enqueue(command('b'));
    expect(changes).toBe(2);
  });
});
