import { z } from 'zod';
import { IsoTime } from './common';

/** A row of a document's update log that would not apply when the document was loaded, moved aside. */
export const QuarantinedUpdate = z.object({
  seq: z.number().int(),
  docName: z.string(),
  bytes: z.number().int().nonnegative(),
  storedAt: IsoTime,
  quarantinedAt: IsoTime,
  error: z.string(),
});

export const QuarantineResponse = z.object({ updates: z.array(QuarantinedUpdate) });
