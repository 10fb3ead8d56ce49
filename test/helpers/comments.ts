import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addReply, addThread, type CommentAuthor } from '../../client/editor/comments/comment-model';
import { COMMENTS_FIELD, commentsDocName } from '../../shared/comments';
import { TEXT_FIELD } from '../../shared/text-field';
import { waitFor, type TestServer } from './server';

/** A browser's comments panel, reduced to the Yjs writes it makes (client/editor/comments/comment-model.ts). */
export class Commenter {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  constructor(server: TestServer, docName: string, token: string) {
    this.provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, docName, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token },
      disableBc: true,
    });
  }
  synced() {
    return waitFor(() => this.provider.synced, 'the comments document to sync');
  }
  thread(body: string, author: { id: string; name: string }): string {
    const id = crypto.randomUUID();
    const map = new Y.Map<unknown>();
    this.doc.transact(() => {
      for (const [k, v] of Object.entries({ id, anchor: null, head: null, quote: '', author, createdAt: new Date().toISOString(), body, resolved: false })) map.set(k, v);
      map.set('replies', new Y.Array());
      this.doc.getArray(COMMENTS_FIELD).push([map]);
    });
    return id;
  }
  reply(threadId: string, body: string, author: { id: string; name: string }): void {
    const thread = this.doc
      .getArray<Y.Map<unknown>>(COMMENTS_FIELD)
      .toArray()
      .find((m) => m.get('id') === threadId)!;
    (thread.get('replies') as Y.Array<unknown>).push([{ author, body, createdAt: new Date().toISOString() }]);
  }
  destroy() {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** A thread to write beside a text: its comment, an optional suggested replacement and replies. */
export interface ThreadSeed {
  author: CommentAuthor;
  body: string;
  amendment?: string;
  replies?: { author: CommentAuthor; body: string }[];
}

/**
 * A comment thread on the first `quote` in a text document, written on the server as the
 * comments panel writes it: anchored by relative positions into the text (as a selection
 * there would be), in the text's companion document. Answers the thread's id.
 */
export async function commentOn(server: TestServer, textDocName: string, quote: string, seed: ThreadSeed): Promise<string> {
  const textDoc = new Y.Doc();
  Y.applyUpdate(textDoc, await server.documents.state(textDocName));
  const found = findQuote(textDoc.getXmlFragment(TEXT_FIELD), quote);
  if (!found) throw new Error(`"${quote}" is not in ${textDocName}`);
  const position = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(found.text, index));
  const range = { anchor: position(found.at), head: position(found.at + quote.length), quote };
  textDoc.destroy();
  let id = '';
  await server.documents.change(commentsDocName(textDocName), (doc) => {
    id = addThread(doc, { ...range, author: seed.author, body: seed.body, amendment: seed.amendment ?? null });
    for (const reply of seed.replies ?? []) addReply(doc, id, reply);
  });
  return id;
}

/** The Yjs text holding `quote` (in one run of plain text) and where in it the quote starts. */
function findQuote(parent: Y.XmlFragment | Y.XmlElement, quote: string): { text: Y.XmlText; at: number } | null {
  for (const node of parent.toArray()) {
    if (node instanceof Y.XmlText) {
      const plain = (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      const at = plain.indexOf(quote);
      if (at >= 0) return { text: node, at };
    } else if (node instanceof Y.XmlElement) {
      const found = findQuote(node, quote);
      if (found) return found;
    }
  }
  return null;
}
