import type { User } from '../../shared/domain';
import type { Logger } from '../logger';
import type { Store, Tx } from '../store/store';
import type { NewComment } from './comment-watch';
import type { Notifier } from './notifier';

/** What a comment is on, as a notification names it. */
interface Target {
  title: string;
  link: string;
  /** The proposal's author: a comment on it is news to them. */
  ownerId: string | null;
}

export interface CommentNoticesDeps {
  store: Pick<Store, 'auth' | 'proposals' | 'meetings' | 'transaction'>;
  notifier: Notifier;
  /** Whether `user` may read the text (a mention never reveals what one may not read). */
  mayRead(user: User, textDocName: string): Promise<boolean>;
  logger: Logger;
}

const SNIPPET_CHARS = 60;
const snippet = (body: string) => {
  const flat = body.replace(/\s+/gu, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
};
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `@이름` in the text, the name not running on into more letters (`@김은영` is not `@김은영2`). */
export const mentions = (body: string, name: string): boolean => new RegExp(`@${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'u').test(body);

/**
 * A comment or reply tells the proposal's author, and everyone it mentions by `@이름`
 * who may read the text; never the one who wrote it. Kind `comment` (daily digest possible).
 */
export class CommentNotices {
  constructor(private readonly d: CommentNoticesDeps) {}

  /** Called as the comment arrives; its failure is logged, never thrown into the document server. */
  announce(c: NewComment): void {
    this.write(c).catch((error: unknown) => this.d.logger.error({ err: error, docName: c.textDocName }, 'could not notify of a comment'));
  }

  private async write(c: NewComment): Promise<void> {
    const target = await this.target(c.textDocName);
    if (!target) return;
    const mentioned: string[] = [];
    for (const user of await this.d.store.auth.listUsers()) {
      if (user.id !== c.by.id && mentions(c.body, user.name) && (await this.d.mayRead(user, c.textDocName))) mentioned.push(user.id);
    }
    const owner = target.ownerId !== null && target.ownerId !== c.by.id && !mentioned.includes(target.ownerId) ? target.ownerId : null;
    if (!owner && mentioned.length === 0) return;
    const quote = snippet(c.body);
    const what = c.reply ? { ko: '답글', en: 'replied' } : { ko: '의견', en: 'commented' };
    await this.d.store.transaction(async (tx: Tx) => {
      if (owner) {
        await this.d.notifier.notify(tx, {
          kind: 'comment',
          recipients: [owner],
          actorId: c.by.id,
          title: { ko: `${c.by.name}님의 ${what.ko} — 내 제안 ‘${target.title}’: “${quote}”`, en: `${c.by.name} ${what.en} on your proposal “${target.title}”: “${quote}”` },
          link: target.link,
        });
      }
      if (mentioned.length > 0) {
        await this.d.notifier.notify(tx, {
          kind: 'comment',
          recipients: mentioned,
          actorId: c.by.id,
          title: { ko: `${c.by.name}님이 나를 언급했습니다 — ‘${target.title}’: “${quote}”`, en: `${c.by.name} mentioned you on “${target.title}”: “${quote}”` },
          link: target.link,
        });
      }
    });
  }

  private async target(textDocName: string): Promise<Target | null> {
    const [prefix, id] = textDocName.split(':') as [string, string | undefined];
    if (!id) return null;
    switch (prefix) {
      case 'proposal': {
        const p = await this.d.store.proposals.byId(id);
        return p ? { title: p.title, link: `/proposals/${encodeURIComponent(id)}`, ownerId: p.createdBy } : null;
      }
      case 'minutes': {
        const m = await this.d.store.meetings.get(id);
        return m ? { title: `${m.title} 회의록`, link: `/meetings/${encodeURIComponent(id)}`, ownerId: null } : null;
      }
      case 'strategy':
        return { title: '산업대전환 전략', link: '/strategy', ownerId: null };
      default:
        return null;
    }
  }
}
