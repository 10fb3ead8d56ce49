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
 * comments' companion `comments:<prefix>:<id>`. Each domain registers one; `access`
 * answers null when the document does not exist or the user may not even read it.
 */
export interface DocKind {
  prefix: string;
  access(user: User, id: string): Promise<DocGrant | null>;
}

/** A document name, parsed: which kind, which one, and whether it is the text or its comments. */
export interface ParsedDocName {
  kind: DocKind;
  id: string;
  part: keyof DocGrant;
}

export class DocKinds {
  private readonly kinds = new Map<string, DocKind>();

  register(kind: DocKind): void {
    this.kinds.set(kind.prefix, kind);
  }

  /** Splits and checks a document name; null for a malformed name or an unknown family. */
  parse(docName: string): ParsedDocName | null {
    const text = textDocNameOf(docName);
    const match = /^([a-z]+):([A-Za-z0-9_-]{1,64})$/.exec(text ?? docName);
    const kind = match && this.kinds.get(match[1]!);
    return kind ? { kind, id: match[2]!, part: text === null ? 'text' : 'comments' } : null;
  }

  async access(user: User, docName: string): Promise<DocAccess | null> {
    const parsed = this.parse(docName);
    if (!parsed) return null;
    const granted = await parsed.kind.access(user, parsed.id);
    return granted ? granted[parsed.part] : null;
  }
}
