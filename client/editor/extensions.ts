import { getSchema, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CommentHighlights } from './comments/comment-highlights';
import { TEXT_FIELD } from '../../shared/text-field';
import { userColour } from './user-colour';

export { TEXT_FIELD };

/**
 * What a document may contain: headings, lists, bold/italic, links, tables. Shared by
 * the live editor and by the read-only rendering of versions, so both agree on the schema.
 */
export function contentExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo, limited to this user's changes.
      undoRedo: false,
      // It would append an empty paragraph on every writer's first load, concurrently.
      trailingNode: false,
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}

export interface CollaborativeOptions {
  doc: Y.Doc;
  /** The comment threads' own document (see shared/comments.ts). */
  comments: Y.Doc;
  provider: WebsocketProvider;
  user: { id: string; name: string };
  /** Extra content nodes for this kind of document (the minutes' decisions and action items). */
  extra?: Extensions;
}

/** The live editor: the content, bound to the shared text, with everyone's carets and the comment highlights. */
export function collaborativeExtensions({ doc, comments, provider, user, extra = [] }: CollaborativeOptions): Extensions {
  return [
    ...contentExtensions(),
    ...extra,
    Collaboration.configure({ document: doc, field: TEXT_FIELD }),
    CollaborationCaret.configure({ provider, user: { name: user.name, color: userColour(user.id) } }),
    CommentHighlights.configure({ doc: comments }),
  ];
}

let schema: Schema | null = null;

/** The schema of `contentExtensions`, built once. */
export function editorSchema(): Schema {
  schema ??= getSchema(contentExtensions());
  return schema;
}
