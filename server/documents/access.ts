import { textDocNameOf } from '../../shared/comments';
import type { User } from '../../shared/domain';

/** What a connection may do with a document; decided by the server, never the client. */
export type DocAccess = 'write' | 'read';

/**
 * What a user may do with one document of a kind: with its text, and with its comment
 * threads (the companion document `comments:<name>`, see shared/comments.ts). Commenting
 * without editing is `{ text: 'read', comments: 'write' }`.
 */
export interface DocGrant {
  text: DocAccess;
  comments: DocAccess;
}

/** A grant from the text's access and whether the user may comment (`comments.write`). */
export const grant = (text: DocAccess, mayComment: boolean): DocGrant => ({ text, comments: mayComment ? 'write' : 'read' });

/**
 * A family of documents named `<prefix>:<id>` (`proposal:12`, `minutes:3`), each with its
 * comments' companion `comments:<prefix>:<id>`. Each domain registers one and owns its
 * admission there, as a Hocuspocus extension owns `onAuthenticate`: `access` answers null
 * when the document does not exist or the user may not even read it. The document server
 * asks it on the upgrade and at each recheck, the room before each write round.
 */
export interface DocKind {
  prefix: string;
  access(user: User, id: string): Promise<DocGrant | null>;
}

/**
 * The admission of one document, bound to its kind: what a user may do with this document
 * (its text's part of the kind's grant, or its comments' part), null when they may not open it.
 */
export interface DocAdmission {
  readonly docName: string;
  access(user: User): Promise<DocAccess | null>;
}

/**
 * What a session's user may do now, asked of the document's admission with the user as they
 * are now (`now`: credentials authenticated again, the account read again). Null when they
 * signed out or the credentials now name someone else.
 */
export const admitNow = async (admission: DocAdmission, was: User, now: User | null): Promise<DocAccess | null> =>
  now && now.id === was.id ? admission.access(now) : null;

export class DocKinds {
  private readonly kinds = new Map<string, DocKind>();

  register(kind: DocKind): void {
    this.kinds.set(kind.prefix, kind);
  }

  /** The admission of a document, from its kind; null for a malformed name or an unknown family. */
  admission(docName: string): DocAdmission | null {
    const text = textDocNameOf(docName);
    const match = /^([a-z]+):([A-Za-z0-9_-]{1,64})$/.exec(text ?? docName);
    const kind = match && this.kinds.get(match[1]!);
    if (!kind) return null;
    const id = match[2]!;
    const part: keyof DocGrant = text === null ? 'text' : 'comments';
    return { docName, access: async (user) => (await kind.access(user, id))?.[part] ?? null };
  }

  async access(user: User, docName: string): Promise<DocAccess | null> {
    return (await this.admission(docName)?.access(user)) ?? null;
  }
}
