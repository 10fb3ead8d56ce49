/** Helpers for the proposals tests: typed API calls per user, and stock y-websocket clients on `proposal:<id>`. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ApiError, createApiClient, type ApiCall } from '../../shared/api/client';
import { encodeSyncStep1 } from '../../server/documents/messages';
import { waitFor, type TestServer } from '../helpers/server';

export const emails = {
  ministry: 'ministry@forum.demo',
  investment: 'chair.investment@forum.demo',
  workforce: 'chair.workforce@forum.demo',
  staff: 'minutes@forum.demo',
  observer: 'observer@forum.demo',
} as const;
export type Who = keyof typeof emails;

export interface Person {
  token: string;
  userId: string;
  call: ApiCall;
}

/** Signs in every demo user we need, once. */
export async function people(server: TestServer): Promise<Record<Who, Person>> {
  const entries = await Promise.all(
    (Object.keys(emails) as Who[]).map(async (who) => {
      const { token, userId } = await server.login(emails[who]);
      return [who, { token, userId, call: createApiClient({ baseUrl: server.url, token }) }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Who, Person>;
}

/** The HTTP error a call fails with (status and body), or throws if it succeeded. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.error.code, message: error.error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A raw request, for bodies and queries the typed client would not send. */
export async function raw(server: TestServer, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

/** The text of a Tiptap document: one line per paragraph or heading. */
export function plainText(doc: Y.Doc): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) lines.push(node.toString());
    else if (!(node instanceof Y.XmlHook)) node.toArray().forEach(walk);
  };
  walk(doc.getXmlFragment('default'));
  return lines.join('\n');
}

export const stateText = (state: Uint8Array): string => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return plainText(doc);
};

/** A paragraph node as the Tiptap editor writes it. */
export function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  return p;
}

/** A stock `y-websocket` client on `proposal:<id>`. */
export class Editor {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;

  constructor(server: TestServer, id: string, token: string) {
    this.provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, `proposal:${id}`, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token },
      // In Node, BroadcastChannel is global: providers in one process would sync around the server.
      disableBc: true,
    });
  }

  static async open(server: TestServer, id: string, token: string): Promise<Editor> {
    const editor = new Editor(server, id, token);
    await waitFor(() => editor.provider.synced, 'the editor to sync');
    return editor;
  }

  get text(): string {
    return plainText(this.doc);
  }

  /** Appends a paragraph, as typing at the end would. */
  type(text: string): void {
    const fragment = this.doc.getXmlFragment('default');
    fragment.insert(fragment.length, [paragraph(text)]);
  }

  /** Replaces the whole text with one paragraph. */
  replace(text: string): void {
    const fragment = this.doc.getXmlFragment('default');
    this.doc.transact(() => {
      fragment.delete(0, fragment.length);
      fragment.insert(0, [paragraph(text)]);
    });
  }

  /** Resolves once the server has handled everything this client sent before (its sync step 2 answers our step 1). */
  async roundTrip(): Promise<void> {
    const ws = this.provider.ws as unknown as WebSocket;
    await new Promise<void>((resolve) => {
      // The provider sets binaryType 'arraybuffer'.
      const onMessage = (data: ArrayBuffer | Buffer) => {
        const bytes = new Uint8Array(data);
        if (bytes[0] === 0 && bytes[1] === 1) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      ws.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    });
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
