import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TrialDoc } from '../../../../server/documents/trial';
import { Mutator, mutationKinds } from '../../../helpers/mutations';
import { mulberry32 } from '../../../helpers/random';

/**
 * The replica that every client update meets before it is stored (server/documents/trial.ts).
 * What it lets through must integrate the same way whatever arrives around it: the server
 * takes a damaged update before a writer's concurrent keystroke, the writer's own copy
 * takes them the other way round, and the two must read the same.
 */
describe('TrialDoc', () => {
  it('lets nothing through that ends in another order on a writer who typed meanwhile', () => {
    const random = mulberry32(2027);
    const int = (n: number) => Math.floor(random() * n);
    const server = new Y.Doc();
    const trial = new TrialDoc(server);
    const mutator = new Mutator(random);
    const writer = (id: number) => {
      const doc = new Y.Doc();
      doc.clientID = id;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      return doc;
    };
    const take = (update: Uint8Array): boolean => {
      const verdict = trial.try(update);
      if (verdict.ok) Y.applyUpdate(server, update);
      trial.settled();
      return verdict.ok;
    };
    const start = writer(1);
    start.getText('t').insert(0, '산업대전환 포럼 회의록');
    take(Y.encodeStateAsUpdate(start));

    let accepted = 0;
    for (let round = 0; round < 400; round++) {
      mutator.setBase(Y.encodeStateAsUpdate(server));
      const bob = writer(1_000 + round);
      const text = bob.getText('t');
      const keystrokes: Uint8Array[] = [];
      bob.on('update', (u: Uint8Array) => keystrokes.push(u));
      text.insert(int(text.length + 1), '위원장');
      if (text.length > 30) text.delete(int(text.length - 3), 2);
      // A damaged update reaches the server first; bob's keystrokes follow it there.
      const damaged = mutator.make('shift-clock');
      const tookDamaged = take(damaged);
      accepted += tookDamaged ? 1 : 0;
      for (const k of keystrokes) expect(take(k), `bob's keystroke, round ${round}`).toBe(true);
      if (tookDamaged) Y.applyUpdate(bob, damaged);
      expect(bob.getText('t').toString(), `round ${round}`).toBe(server.getText('t').toString());
    }
    // Most damaged updates are refused, but a shifted origin that still names true neighbours is harmless.
    expect(accepted).toBeGreaterThan(0);
  }, 120_000);

  it('lets nothing through that leaves a copy where the next deletion throws', () => {
    // Seed 2 sent an empty string item (a cut update) in round 32: integrated, it broke every later delete there.
    const random = mulberry32(2);
    const int = (n: number) => Math.floor(random() * n);
    const server = new Y.Doc();
    const trial = new TrialDoc(server);
    const mutator = new Mutator(random);
    const bob = new Y.Doc();
    bob.clientID = 7;
    const own: Uint8Array[] = [];
    bob.on('update', (u: Uint8Array, origin: unknown) => origin === null && own.push(u));
    const text = bob.getText('t');
    text.insert(0, '산업대전환 포럼 회의록');
    for (const k of own.splice(0)) {
      expect(trial.try(k).ok).toBe(true);
      Y.applyUpdate(server, k);
      trial.settled();
    }
    for (let round = 0; round < 120; round++) {
      mutator.setBase(Y.encodeStateAsUpdate(bob));
      text.insert(int(text.length + 1), '위원장');
      if (text.length > 40) text.delete(int(text.length - 5), 3);
      // Eight damaged updates of every kind reach the server in one round, then bob's keystrokes.
      const taken = Array.from({ length: 8 }, () => mutator.make(mutationKinds[int(mutationKinds.length)]!)).filter((u) => trial.try(u).ok);
      const keystrokes = own.splice(0);
      for (const k of keystrokes) expect(trial.try(k).ok, `bob's keystroke, round ${round}`).toBe(true);
      for (const u of [...taken, ...keystrokes]) Y.applyUpdate(server, u);
      trial.settled();
      for (const u of taken) Y.applyUpdate(bob, u, 'server');
      expect(bob.getText('t').toString(), `round ${round}`).toBe(server.getText('t').toString());
      for (const doc of [server, bob]) expect(deletesAll(doc), `round ${round}`).toBe(true);
    }
  }, 120_000);

  it('refuses a delete set with an empty range, which breaks a client that does not have its clock yet', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, '전략');
    const trial = new TrialDoc(doc);
    // Hand-written V1 update: no structs; a delete set of one client with one range of length 0.
    const client = doc.clientID;
    const encoder: number[] = [0, 1, ...varUint(client), 1, 0, 0];
    const verdict = trial.try(Uint8Array.from(encoder));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.why).toBe('throws');
    expect(doc.getText('t').toString()).toBe('전략');
  });
});

/** Whether a copy of `doc` can have all its text deleted (a store that a damaged item broke throws). */
function deletesAll(doc: Y.Doc): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const text = copy.getText('t');
  try {
    text.delete(0, text.length);
    return true;
  } catch {
    return false;
  }
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
