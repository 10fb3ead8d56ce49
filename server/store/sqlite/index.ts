import { join } from 'node:path';
import type { Store } from '../store';
import { sqliteAuditStore } from './audit';
import { sqliteAuthStore } from './auth';
import { startCheckpointer } from './checkpointer';
import { openDatabase, type Db } from './database';
import { sqliteDocStore } from './documents';
import { sqliteForumStore } from './forum';
import { sqliteMeetingStore } from './meetings';
import { sqlitePollStore } from './polls';
import { sqliteProposalStore } from './proposals';

/** The embedded default: one SQLite file under DATA_DIR. */
export function openSqliteStore(dataDir: string): Store & { db: Db } {
  const file = join(dataDir, 'forum.db');
  const db = openDatabase(file);
  // Checkpoints run on a worker thread (see checkpointer.ts), never inside a live commit.
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(file);
  return {
    kind: 'sqlite',
    db,
    auth: sqliteAuthStore(db),
    audit: sqliteAuditStore(db),
    forum: sqliteForumStore(db),
    docs: sqliteDocStore(db),
    meetings: sqliteMeetingStore(db),
    polls: sqlitePollStore(db),
    proposals: sqliteProposalStore(db),
    async health() {
      try {
        return db.prepare('SELECT 1 AS one').get() !== undefined;
      } catch {
        return false;
      }
    },
    async close() {
      if (!db.open) return;
      await checkpointer.stop();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
