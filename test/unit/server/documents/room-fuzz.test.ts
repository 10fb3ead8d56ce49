/**
 * A deterministic fuzz of the document rooms alone (LiveDoc), without sockets: in-memory
 * session pairs that move messages only when flushed, an in-memory store whose appends can
 * fail, fake timers, client ids from the seed. Each seed runs a text and its comments'
 * companion (`comments:<name>`), both admitted by one document kind as the server's are.
 * Writers edit; commenters (readers of the text, writers of the companion) add, answer and
 * resolve threads anchored into the text with the client's own comment model; a reader or
 * commenter that sends a text edit anyway is ignored; roles flip (applied at once, by a later
 * recheck, or found by the room's next write round); appends fail; sessions drop and come
 * back; either room unloads and loads again; logs compact along the way. Threads written the
 * old way, into the text's own document (stored before the move, or by an old browser), are
 * moved to the companion as the server moves them on load, and the move fails before or
 * half-way at times. In the end every client, the rooms and a fresh load agree, nothing
 * written without the right to write it reached a room, every thread arrived in the companion
 * once, and every thread is where the client shows it, or detached exactly when the client
 * says so.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addReply, addThread, commentsOf, readThreads, setResolved, type CommentThread } from '../../../../client/editor/comments/comment-model';
import { CloseCode } from '../../../../shared/close-codes';
import { commentsDocName } from '../../../../shared/comments';
import type { User } from '../../../../shared/domain';
import { DocKinds, type DocGrant } from '../../../../server/documents/access';
import { LiveDoc } from '../../../../server/documents/document';
import { moveCommentsOut } from '../../../../server/comments/move-out';
import type { ExclusiveDoc } from '../../../../server/documents';
import { encodeUpdate } from '../../../../server/documents/messages';
import { createLogger } from '../../../../server/logger';
import { mulberry32 } from '../../../helpers/random';
import { diskFull, MemoryClient, MemoryDocStore, MemorySession } from '../../../helpers/session-pair';
import { charactersBetween, clockOf, edit, endOf, rangeOf } from './room-fuzz.yjs';

/** `ROOM_FUZZ_SEEDS=10000` for a long run; the suite runs the default. */
const seedCount = z.coerce.number().int().positive().default(1000).parse(process.env.ROOM_FUZZ_SEEDS);
const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
const opsPerSeed = 50;
const textName = 'note:fuzz';

/** What each role may do with the text and with its comments; `none` may open neither. */
const grants = {
  writer: { text: 'write', comments: 'write' },
  commenter: { text: 'read', comments: 'write' },
  reader: { text: 'read', comments: 'read' },
  none: null,
} as const satisfies Record<string, DocGrant | null>;
type Role = keyof typeof grants;
const roles = Object.keys(grants) as Role[];
type Part = keyof DocGrant;
const parts: Part[] = ['text', 'comments'];
const names: Record<Part, string> = { text: textName, comments: commentsDocName(textName) };

interface Person {
  readonly user: User;
  role: Role;
  /** Their copy of the text and their copy of its comments, each with a session of its own. */
  readonly clients: Record<Part, MemoryClient>;
}

const logger = createLogger('silent');
const user = (id: string): User => ({ id, email: `${id}@forum.test`, name: id, role: 'chair', subcommittee: 'investment', createdAt: '2026-01-01T00:00:00.000Z' });

// Not setInterval: y-protocols' awareness keeps one running for the room's life (it is destroyed with it).
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance', 'Date'] }));
afterEach(() => vi.useRealTimers());

/** Across all seeds, the run must have done what it claims (not a per-seed rule). */
const seen = {
  failedAppends: 0,
  unloads: 0,
  compactions: 0,
  flips: 0,
  /** Flips into or out of commenting. */
  commenterFlips: 0,
  threadsWritten: 0,
  repliesWritten: 0,
  /** Text edits a reader or commenter sent anyway, ignored. */
  textWritesIgnored: 0,
  /** Writes made with the right to them, sent once it was gone (a flip), and not taken. */
  writesRefusedAfterFlip: { text: 0, comments: 0 },
  /** Threads written the old way, into the text's own document, that reached the companion. */
  oldStyleMoved: 0,
  /** Moves of old-style threads to the companion (server/comments/move-out.ts) that failed half-way or before. */
  movesFailed: 0,
  /** Threads at the end whose range resolves into the text, and threads detached. */
  attached: 0,
  detached: 0,
};

describe('the document rooms (text and comments) under a seeded fuzz', () => {
  it(`${seeds.length} seeds: edits, comments, access flips, failed appends, drops and unloads converge`, async () => {
    const started = process.hrtime.bigint(); // performance.now() is faked
    for (const seed of seeds) await new SeedRun(seed).run();
    if (process.env.ROOM_FUZZ_SEEDS) console.log(`room fuzz: ${seeds.length} seeds in ${(process.hrtime.bigint() - started) / 1_000_000n} ms`, JSON.stringify(seen));
    expect(seen.failedAppends).toBeGreaterThan(seeds.length / 10);
    expect(seen.unloads).toBeGreaterThan(seeds.length);
    expect(seen.flips).toBeGreaterThan(seeds.length);
    expect(seen.commenterFlips).toBeGreaterThan(seeds.length);
    expect(seen.compactions).toBeGreaterThan(seeds.length / 10);
    expect(seen.threadsWritten).toBeGreaterThan(seeds.length / 2);
    expect(seen.repliesWritten).toBeGreaterThan(seeds.length / 5);
    expect(seen.textWritesIgnored).toBeGreaterThan(seeds.length / 5);
    expect(seen.writesRefusedAfterFlip.text).toBeGreaterThan(seeds.length / 20);
    expect(seen.writesRefusedAfterFlip.comments).toBeGreaterThan(seeds.length / 50);
    expect(seen.attached).toBeGreaterThan(seeds.length / 2);
    expect(seen.detached).toBeGreaterThan(seeds.length / 50);
    expect(seen.oldStyleMoved).toBeGreaterThan(seeds.length / 2);
    expect(seen.movesFailed).toBeGreaterThan(seeds.length / 10);
  }, 3_600_000);
});

/** One seed: two rooms, three people, `opsPerSeed` steps, then everyone back as a writer and the checks. */
class SeedRun {
  private readonly random: () => number;
  private readonly store = new MemoryDocStore();
  private readonly kinds = new DocKinds();
  private rooms!: Record<Part, LiveDoc>;
  private readonly people: Person[];
  private clientIds = 0;
  /** Appends to let through before one fails (null: none armed), to stop a move half-way. */
  private failAppendAfter: number | null = null;
  /** The client ids of text edits sent by readers and commenters: none may ever reach the text. */
  private readonly rogueClients: number[] = [];
  private readonly written = { threads: 0, replies: 0 };
  /** The ids of threads written the old way, into the text's own comments array: each must end in the companion, once. */
  private readonly oldStyle: string[] = [];

  constructor(private readonly seed: number) {
    this.random = mulberry32(seed);
    const compact = this.store.compact.bind(this.store);
    const appendBatch = this.store.appendBatch.bind(this.store);
    this.store.appendBatch = (...args) => {
      if (this.failAppendAfter !== null && this.failAppendAfter-- === 0) this.store.failAppends++;
      return appendBatch(...args).catch((error: unknown) => (seen.failedAppends++, Promise.reject(error)));
    };
    this.store.compact = async (...args) => (seen.compactions++, compact(...args));
    // The kind the room asks before each write round, as a domain's DocKind answers the server.
    this.kinds.register({ prefix: 'note', access: async (u) => grants[this.person(u.id).role] });
    this.people = ['alice', 'bob', 'carol'].map((id, i) => ({
      user: user(id),
      role: i === 0 ? 'writer' : i === 1 ? 'commenter' : this.pick(roles),
      clients: { text: new MemoryClient(this.nextClientId()), comments: new MemoryClient(this.nextClientId()) },
    }));
  }

  async run(): Promise<void> {
    if (this.random() < 0.5) await this.storeOldStyleText();
    this.rooms = { text: await this.load('text'), comments: await this.load('comments') };
    await this.moveCommentsOut();
    for (const p of this.people) for (const part of parts) this.connect(p, part);
    for (let op = 0; op < opsPerSeed; op++) await this.step(this.pick(this.people));
    await this.finish();
  }

  private async step(p: Person): Promise<void> {
    const roll = this.random();
    const part = this.pick(parts);
    // The editor and the comments panel are read-only without the right to write.
    if (roll < 0.28) {
      // A browser still on the old version writes its threads into the text's own document.
      if (grants[p.role]?.text === 'write' && this.random() < 0.05) this.writeOldStyleThread(p.clients.text.doc, p.user);
      else if (grants[p.role]?.text === 'write') edit(p.clients.text.text, (n) => this.int(n));
    } else if (roll < 0.42) {
      if (grants[p.role]?.comments === 'write') this.comment(p);
    } else if (roll < 0.46) await this.typeWithoutRight(p);
    else if (roll < 0.65) await this.flush(p, part);
    else if (roll < 0.73) this.flip(p);
    else if (roll < 0.77) this.recheck(p);
    else if (roll < 0.82) this.store.failAppends = 1;
    else if (roll < 0.89) {
      const client = p.clients[part];
      if (client.connected) client.session!.close(1000, 'gone');
      else this.connect(p, part);
    } else if (roll < 0.92) await vi.runAllTimersAsync();
    else if (roll < 0.95) await this.moveCommentsOut();
    else await this.unload(this.random() < 0.2 ? parts : [part]);
  }

  /** A comment as the panel writes it: a new thread on some of the text, a reply, or a thread resolved or reopened. */
  private comment(p: Person): void {
    const doc = p.clients.comments.doc;
    const threads = readThreads(doc);
    const roll = this.random();
    const author = { id: p.user.id, name: p.user.name };
    if (threads.length === 0 || roll < 0.45) this.writeThread(doc, p.clients.text.text, p.user, 'thread');
    else if (roll < 0.8) {
      addReply(doc, this.pick(threads).id, { author, body: `reply ${this.written.replies++}` });
    } else {
      const thread = this.pick(threads);
      setResolved(doc, thread.id, !thread.resolved);
    }
  }

  /**
   * A thread on a range of `text` as its author sees it, anchored as the editor anchors a
   * selection, written into `doc`'s comments array; its id, or null when there is no text.
   */
  private writeThread(doc: Y.Doc, text: Y.Text, author: User, kind: 'thread' | 'old thread'): string | null {
    if (text.length === 0) return null;
    const from = this.int(text.length);
    const to = from + 1 + this.int(Math.min(6, text.length - from));
    const at = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    const body = kind === 'thread' ? `thread ${this.written.threads++}` : `old thread ${this.oldStyle.length}`;
    return addThread(doc, { anchor: at(from), head: at(to), quote: text.toString().slice(from, to), author: { id: author.id, name: author.name }, body });
  }

  /** A thread written the old way, into the comments array of the text's own document. */
  private writeOldStyleThread(textDoc: Y.Doc, author: User): void {
    const id = this.writeThread(textDoc, textDoc.getText('t'), author, 'old thread');
    if (id !== null) this.oldStyle.push(id);
  }

  /**
   * A text stored before comments had a document of their own: threads in its own comments
   * array, written with the same model. One person's browser still holds that copy.
   */
  private async storeOldStyleText(): Promise<void> {
    const old = new Y.Doc();
    old.clientID = this.nextClientId();
    old.getText('t').insert(0, 'stored before the move');
    for (const author of this.people.slice(0, 2)) this.writeOldStyleThread(old, author.user);
    const state = Y.encodeStateAsUpdate(old);
    old.destroy();
    await this.store.appendBatch(names.text, [state]);
    Y.applyUpdate(this.pick(this.people).clients.text.doc, state);
  }

  /**
   * What the server does when the text or its companion loads: moves threads written the old
   * way to the companion. When it succeeds, none is left in the text.
   */
  private async moveCommentsOut(mayFail = true): Promise<void> {
    // Its copy into the companion fails, or its emptying of the text does.
    if (mayFail && this.random() < 0.3) this.failAppendAfter = this.int(2);
    const room = (name: string) => this.rooms[name === names.text ? 'text' : 'comments'];
    const documents = { exclusive: <T>(name: string, command: (doc: ExclusiveDoc) => Promise<T>) => room(name).exclusive(command), change: (name: string, fn: (doc: Y.Doc) => void) => room(name).change(fn) };
    const moved = await moveCommentsOut({ documents, docs: this.store, logger }, names.text).then(
      () => true,
      (error: unknown) => {
        if (!(error instanceof Error && error.message === diskFull)) throw error;
        return false;
      },
    );
    this.failAppendAfter = null;
    if (!moved) seen.movesFailed++;
    else expect(commentsOf(this.rooms.text.doc).length, `seed ${this.seed}: old-style threads left in the text after a move`).toBe(0);
  }

  /**
   * A reader or commenter whose copy sends a text edit anyway (a tampered client): the room
   * ignores it, as it ignores every update of a reader, and keeps the session open.
   */
  private async typeWithoutRight(p: Person): Promise<void> {
    const session = p.clients.text.session;
    if (grants[p.role]?.text !== 'read' || !session?.isOpen) return;
    const rogue = new Y.Doc();
    rogue.clientID = this.nextClientId();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(this.rooms.text.doc));
    const before = Y.encodeStateVector(rogue);
    rogue.getText('t').insert(this.int(rogue.getText('t').length + 1), 'rogue');
    session.deliver(encodeUpdate(Y.encodeStateAsUpdate(rogue, before)));
    this.rogueClients.push(rogue.clientID);
    rogue.destroy();
    await this.rooms.text.drain();
    expect(clockOf(this.rooms.text.doc, rogue.clientID), `seed ${this.seed}: a reader's edit reached the text`).toBe(0);
    expect(session.isOpen, `seed ${this.seed}`).toBe(true);
    seen.textWritesIgnored++;
  }

  /**
   * Moves one copy's messages both ways and lets the room write them. Writes made while the
   * person had the right, sent after a flip took it away, must not reach the room.
   */
  private async flush(p: Person, part: Part): Promise<void> {
    const client = p.clients[part];
    const room = this.rooms[part];
    const unsent = client.connected && clockOf(client.doc, client.doc.clientID) > clockOf(room.doc, client.doc.clientID);
    client.flush();
    await room.drain();
    if (!unsent || grants[p.role]?.[part] === 'write') return;
    expect(clockOf(room.doc, client.doc.clientID), `seed ${this.seed}: a write without the right reached ${names[part]}`).toBeLessThan(clockOf(client.doc, client.doc.clientID));
    seen.writesRefusedAfterFlip[part]++;
  }

  /** A new role; the server applies it at once (a recheck), later, or at the room's next write round. */
  private flip(p: Person): void {
    const next = this.pick(roles.filter((role) => role !== p.role));
    if (p.role === 'commenter' || next === 'commenter') seen.commenterFlips++;
    p.role = next;
    seen.flips++;
    if (this.random() < 0.5) this.recheck(p);
  }

  /** What the control plane's recheck does to this person's open sessions. */
  private recheck(p: Person): void {
    const grant = grants[p.role];
    for (const part of parts) {
      const session = p.clients[part].session;
      if (!session?.isOpen) continue;
      if (grant === null) session.close(CloseCode.permissionsChanged, 'Your access to this document was withdrawn.');
      else this.rooms[part].setAccess(session, grant[part]);
    }
  }

  /** A session as the upgrade opens it, with the access the kind grants now; none without a grant. */
  private connect(p: Person, part: Part): void {
    const grant = grants[p.role];
    if (grant === null) return;
    const session = new MemorySession(names[part], p.user, grant[part]);
    p.clients[part].connect(session);
    this.rooms[part].attach(session);
  }

  /** Every session of these rooms goes, the rooms are dropped and loaded again from the store. */
  private async unload(which: Part[]): Promise<void> {
    for (const part of which) {
      for (const p of this.people) p.clients[part].session?.close(1001, 'restarting');
      await this.rooms[part].drain();
      this.rooms[part].destroy();
      this.rooms[part] = await this.load(part);
      seen.unloads++;
    }
    await this.moveCommentsOut();
  }

  private load(part: Part): Promise<LiveDoc> {
    return LiveDoc.load(names[part], {
      store: this.store,
      logger,
      compactEvery: 3,
      merge: async (updates) => Y.mergeUpdates(updates),
      onIdle: () => {},
      admission: this.kinds.admission(names[part])!,
      userNow: async (session) => session.user,
    });
  }

  /** Everyone back as a writer of both, until nothing moves; then every copy, the rooms and a fresh load agree. */
  private async finish(): Promise<void> {
    this.store.failAppends = 0;
    for (const p of this.people) {
      p.role = 'writer';
      this.recheck(p);
      for (const part of parts) if (!p.clients[part].connected) this.connect(p, part);
    }
    await this.settle();
    await this.moveCommentsOut(false);
    await this.settle();
    const fresh = { text: await this.load('text'), comments: await this.load('comments') };
    try {
      this.expectAgreement(fresh);
      for (const doc of [this.rooms.text.doc, fresh.text.doc]) for (const id of this.rogueClients) expect(clockOf(doc, id), `seed ${this.seed}: a reader's edit was kept`).toBe(0);
      const threads = readThreads(this.rooms.comments.doc);
      expect(threads.length, `seed ${this.seed}: every thread written arrived`).toBe(this.written.threads + this.oldStyle.length);
      expect(commentsOf(this.rooms.comments.doc).length, `seed ${this.seed}: a thread moved twice`).toBe(threads.length);
      const ids = new Set(threads.map((t) => t.id));
      expect(this.oldStyle.filter((id) => !ids.has(id)), `seed ${this.seed}: old-style threads that never reached the companion`).toEqual([]);
      seen.oldStyleMoved += this.oldStyle.length;
      expect(threads.reduce((n, t) => n + t.replies.length, 0), `seed ${this.seed}: every reply written arrived`).toBe(this.written.replies);
      this.expectAnchors(threads, fresh);
      seen.threadsWritten += this.written.threads;
      seen.repliesWritten += this.written.replies;
    } finally {
      for (const part of parts) {
        fresh[part].destroy();
        this.rooms[part].destroy();
      }
    }
  }

  private async settle(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      // A client closed with 1011 or 1013 reconnects, as the stock provider does (44xx codes are final).
      for (const p of this.people)
        for (const part of parts) {
          const client = p.clients[part];
          if (!client.connected && (client.session?.closedWith?.code ?? 0) < 4400) this.connect(p, part);
        }
      await vi.runAllTimersAsync();
      const moved = this.people.flatMap((p) => parts.map((part) => p.clients[part].flush())).some(Boolean);
      await Promise.all(parts.map((part) => this.rooms[part].drain()));
      if (!moved) return;
    }
    throw new Error(`seed ${this.seed}: the rooms never went quiet`);
  }

  /** Every person's text and comments are the room's, and a fresh load's. */
  private expectAgreement(fresh: Record<Part, LiveDoc>): void {
    const text = this.rooms.text.doc.getText('t').toString();
    const comments = commentsOf(this.rooms.comments.doc).toJSON();
    expect(fresh.text.doc.getText('t').toString(), `seed ${this.seed}: a fresh load`).toBe(text);
    for (const doc of [this.rooms.text.doc, fresh.text.doc, ...this.people.map((p) => p.clients.text.doc)])
      expect(commentsOf(doc).length, `seed ${this.seed}: old-style threads left in a text`).toBe(0);
    expect(commentsOf(fresh.comments.doc).toJSON(), `seed ${this.seed}: a fresh load of the comments`).toEqual(comments);
    for (const { clients } of this.people) {
      expect(clients.text.text.toString(), `seed ${this.seed}`).toBe(text);
      expect(commentsOf(clients.comments.doc).toJSON(), `seed ${this.seed}: comments`).toEqual(comments);
    }
  }

  /**
   * Each thread's range, resolved as the client resolves it, is the same in every copy; both
   * of its ends name text that exists; and it holds exactly the characters still in the text
   * from its first end to its second, counted by walking the text's items: a thread is
   * detached exactly when none is left.
   */
  private expectAnchors(threads: CommentThread[], fresh: Record<Part, LiveDoc>): void {
    const text = this.rooms.text.doc.getText('t');
    for (const thread of threads) {
      const where = `seed ${this.seed}, ${thread.body}`;
      expect(endOf(text, thread.anchor), where).not.toBeNull();
      expect(endOf(text, thread.head), where).not.toBeNull();
      const range = rangeOf(text, thread);
      expect(rangeOf(fresh.text.doc.getText('t'), thread), where).toEqual(range);
      for (const { clients } of this.people) expect(rangeOf(clients.text.text, thread), where).toEqual(range);
      const kept = charactersBetween(text, Y.createRelativePositionFromJSON(thread.anchor).item!, Y.createRelativePositionFromJSON(thread.head).item);
      expect(range && range.to - range.from, `${where}: its range against the characters between its ends`).toBe(kept === 0 ? null : kept);
      if (range) seen.attached++;
      else seen.detached++;
    }
  }

  private person(id: string): Person {
    return this.people.find((p) => p.user.id === id)!;
  }
  private nextClientId(): number {
    return ++this.clientIds;
  }
  private int(n: number): number {
    return Math.floor(this.random() * n);
  }
  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
}
