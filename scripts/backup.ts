/** npm run backup -- <file>: a consistent snapshot of the durable store, taken while the server runs. */
import { backup, storeLocation } from '../server/backup/backup';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file>   (DATA_DIR for SQLite, DATABASE_URL for PostgreSQL)');
  process.exit(64);
}
const from = storeLocation(process.env);
backup(from, file).then(
  () => console.log(`backed up the ${from.kind} store to ${file}`),
  (error: unknown) => {
    console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
