import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { COMMENTS_FIELD } from '../../shared/comments';
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
