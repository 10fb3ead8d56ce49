/**
 * The Industrial Transformation Strategy: one co-edited Yjs document per forum, with a
 * preface and one chapter per subcommittee. Names shared by the server (template,
 * incorporation, exports) and the client editor.
 */
import type { SubcommitteeId } from './domain';

export const STRATEGY_PREFIX = 'strategy';
/** The forum's id: there is one forum per installation. */
export const FORUM_ID = 'forum';
export const strategyDocName = (forumId = FORUM_ID): string => `${STRATEGY_PREFIX}:${forumId}`;

/** The XmlFragment the editor binds (Tiptap's Collaboration default). */
export const STRATEGY_FIELD = 'default';

/**
 * A proposal incorporated into a chapter: a block node whose first paragraph names its
 * source (the proposal, the vote that adopted it with its counts, the meeting) and whose
 * other blocks are the proposal's text as adopted. Attributes: `proposalId`, `pollId`, `meetingId`.
 */
export const INCORPORATION_NODE = 'incorporation';

/** The heading attribute that marks a chapter with its subcommittee (`investment` …). */
export const CHAPTER_ATTRIBUTE = 'chapter';

/** The DOM id of an incorporated proposal's block, which the proposal page links to. */
export const incorporationAnchor = (proposalId: string): string => `proposal-${proposalId}`;

/** The strategy page's address of an incorporated proposal. */
export const strategyLink = (proposalId: string): string => `/strategy#${incorporationAnchor(proposalId)}`;

export type ChapterId = SubcommitteeId;
