import { join, resolve } from 'node:path';
import type { Logger } from '../../logger';
import type { DomainStores, Store, Tx } from '../store';
import { TxScope, wrapStores } from '../transaction';
import { sqliteAuditStore } from './audit';
import { sqliteAuthStore } from './auth';
import { sqliteCalendarStore } from './calendar';
import { startCheckpointer } from './checkpointer';
import { openDatabase, type Db } from './database';
import { sqliteDocStore } from './documents';
import { sqliteForumStore } from './forum';
import { gateFor } from './gate';
import { sqliteMeetingStore } from './meetings';
import { sqliteNotificationStore } from './notifications';
import { sqliteOutboxStore } from './outbox';
import { sqlitePollStore } from './polls';
import { sqliteProposalStore } from './proposals';
import { sqliteSearchStore } from './search';

export interface SqliteStoreOptions {
  /** Where steps that run after a commit report their failures. */
  logger?: Logger;
}

const running = new Map<string, Promise<unknown>>();

/** `fn` after every earlier call under `key` in this process has settled. */
function exclusiveHere<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const next = before.then(fn, fn);
  const settled = next.catch(() => {});
  running.set(key, settled);
  void settled.then(() => {
    if (running.get(key) === settled) running.delete(key);
  });
  return next;
}

/** The embedded default: one SQLite file under DATA_DIR. */
export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): Store & { db: Db } {
  const file = join(dataDir, 'forum.db');
  const db = openDatabase(file);
  // Checkpoints run on a worker thread (see checkpointer.ts), never inside a live commit.
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(file);
  const { gate, release: releaseGate } = gateFor(resolve(file));
  // A closed secret poll folds the write-ahead log into the database at once (see polls.ts);
  // inside a transaction that waits for the commit.
  let checkpointAfterCommit = false;
  const truncateLog = () => {
    if (db.inTransaction) checkpointAfterCommit = true;
    else db.pragma('wal_checkpoint(TRUNCATE)');
  };
  const raw: DomainStores = {
    auth: sqliteAuthStore(db),
    audit: sqliteAuditStore(db),
    forum: sqliteForumStore(db),
    docs: sqliteDocStore(db),
    meetings: sqliteMeetingStore(db),
    polls: sqlitePollStore(db, truncateLog),
    proposals: sqliteProposalStore(db),
    calendar: sqliteCalendarStore(db),
    notifications: sqliteNotificationStore(db),
    outbox: sqliteOutboxStore(db),
    search: sqliteSearchStore(db),
  };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  const transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    await gate.acquire();
    const scope = new TxScope(raw, () => db.inTransaction);
    let committed = false;
    try {
      begin.run();
      const result = await fn(scope.view);
      scope.end();
      commit.run();
      committed = true;
      return result;
    } finally {
      scope.end();
      if (!committed && db.inTransaction) rollback.run();
      if (committed && checkpointAfterCommit) db.pragma('wal_checkpoint(TRUNCATE)');
      checkpointAfterCommit = false;
      gate.release();
      if (committed) scope.committed(options.logger);
    }
  };

  return {
    kind: 'sqlite',
    db,
    ...wrapStores(raw, (call) => gate.pass(call)),
    transaction,
    // One file, one writer at a time already; instances on one SQLite file share this process's queue.
    exclusive: (name, fn) => exclusiveHere(`${resolve(file)}#${name}`, fn),
    async health() {
      try {
        return await gate.pass(async () => db.prepare('SELECT 1 AS one').get() !== undefined);
      } catch {
        return false;
      }
    },
    async close() {
      if (!db.open) return;
      await checkpointer.stop();
      await gate.acquire();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      gate.release();
      releaseGate();
    },
  };
}
