// Starts the render thread's TypeScript body. The server runs through tsx (`node --import tsx`), whose hooks
// a worker thread does not inherit; tsImport registers them for this thread's imports.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
