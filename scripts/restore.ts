/** npm run restore -- <file>: a snapshot from `npm run backup` into an empty store (the server stopped). */
import { restore, storeLocation } from '../server/backup/backup';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <file>   (into an empty DATA_DIR, or an empty DATABASE_URL database)');
  process.exit(64);
}
const to = storeLocation(process.env);
restore(file, to).then(
  () => console.log(`restored ${file} into the ${to.kind} store`),
  (error: unknown) => {
    console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
