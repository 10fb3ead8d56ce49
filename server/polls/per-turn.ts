/**
 * One read per key and turn of the event loop: a key asked for again within the turn gets the
 * first read's answer, and the next turn reads again. For facts that a later step checks once
 * more, such as a ballot's poll (its status is checked again by the store's group, inside the
 * transaction), where an answer a turn old is good enough to refuse early.
 */
export class PerTurn<V> {
  private readonly reads = new Map<string, Promise<V>>();

  constructor(private readonly read: (key: string) => Promise<V>) {}

  get(key: string): Promise<V> {
    let answer = this.reads.get(key);
    if (!answer) {
      // setImmediate: once every socket read of this turn has been handled.
      if (this.reads.size === 0) setImmediate(() => this.reads.clear());
      answer = this.read(key);
      this.reads.set(key, answer);
    }
    return answer;
  }
}
