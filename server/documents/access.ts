import type { User } from '../../shared/domain';

/**
 * What a connection may do with a document; decided by the server, never the client.
 * A commenter may change the comment threads (`COMMENTS_FIELD`) and nothing else.
 */
export type DocAccess = 'write' | 'comment' | 'read';

/**
 * A family of documents named `<prefix>:<id>` (`proposal:12`, `minutes:3`).
 * Each domain registers one; `access` answers null when the document does not exist
 * or the user may not even read it.
 */
export interface DocKind {
  prefix: string;
  access(user: User, id: string): Promise<DocAccess | null>;
}

export class DocKinds {
  private readonly kinds = new Map<string, DocKind>();

  register(kind: DocKind): void {
    this.kinds.set(kind.prefix, kind);
  }

  /** Splits and checks a document name; null for a malformed name or an unknown family. */
  parse(docName: string): { kind: DocKind; id: string } | null {
    const match = /^([a-z]+):([A-Za-z0-9_-]{1,64})$/.exec(docName);
    const kind = match && this.kinds.get(match[1]!);
    return kind ? { kind, id: match[2]! } : null;
  }

  async access(user: User, docName: string): Promise<DocAccess | null> {
    const parsed = this.parse(docName);
    return parsed ? parsed.kind.access(user, parsed.id) : null;
  }
}
