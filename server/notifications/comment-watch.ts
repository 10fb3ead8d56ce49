import * as Y from 'yjs';
import { COMMENTS_FIELD, textDocNameOf } from '../../shared/comments';
import type { User } from '../../shared/domain';

/** A comment thread or a reply, as a person's own connection wrote it. */
export interface NewComment {
  /** The text the comment is on, e.g. proposal:12 or minutes:3. */
  textDocName: string;
  threadId: string;
  /** Who wrote it: the connection's signed-in user, never the author the client wrote into it. */
  by: User;
  body: string;
  reply: boolean;
}

/** Whose connection a transaction came from; null for the server's own changes, relays and loads. */
export type OriginUser = (origin: unknown) => User | null;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Watches a loaded comments companion (`comments:<text>`) for threads and replies that a
 * client's connection adds. Only the instance that applied the client's update hears it as
 * the client's ('remote' relays are skipped), so each comment is announced once.
 */
export function watchComments(docName: string, doc: Y.Doc, originUser: OriginUser, announce: (comment: NewComment) => void): void {
  const textDocName = textDocNameOf(docName);
  if (textDocName === null) return;
  const threads = doc.getArray<unknown>(COMMENTS_FIELD);
  threads.observeDeep((events, transaction) => {
    const by = originUser(transaction.origin);
    if (!by) return;
    for (const event of events) {
      if (!(event.target instanceof Y.Array)) continue;
      const added = [...event.changes.added].flatMap((item) => item.content.getContent() as unknown[]);
      if (event.target === threads) {
        for (const thread of added) {
          if (thread instanceof Y.Map) announce({ textDocName, threadId: text(thread.get('id')), by, body: text(thread.get('body')), reply: false });
        }
      } else if (event.target.parent instanceof Y.Map && event.target.parent.parent === threads) {
        const threadId = text(event.target.parent.get('id'));
        for (const reply of added) {
          const body = typeof reply === 'object' && reply !== null ? text((reply as { body?: unknown }).body) : '';
          announce({ textDocName, threadId, by, body, reply: true });
        }
      }
    }
  });
}
