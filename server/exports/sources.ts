import * as Y from 'yjs';
import { seoulToday, type SubcommitteeId } from '../../shared/domain';
import { formatSeoulDateTime, MINUTES_FIELD, minutesDocName, minutesText } from '../../shared/meetings/minutes';
import { statusNames } from '../../shared/proposals/workflow';
import type { Clock } from '../clock';
import type { DocStore } from '../documents/doc-store';
import { APPROVED_MINUTES_LABEL, sha256 } from '../meetings/minutes';
import { people } from '../meetings/views';
import { proposalDocName } from '../proposals/live-documents';
import type { Store } from '../store/store';
import { blocksFromFragment } from './from-yjs';
import type { ActionStatus, Block, ExportDocument, Inline } from './model';

/** Action items (with an id) carry their done state, kept beside the minutes, into the export. */
function withActionStatus(blocks: Block[], statusOf: (id: string) => ActionStatus): Block[] {
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'action':
        return b.id ? { ...b, status: statusOf(b.id) } : b;
      case 'list':
        return { ...b, items: b.items.map((item) => withActionStatus(item, statusOf)) };
      case 'quote':
      case 'box':
        return { ...b, blocks: withActionStatus(b.blocks, statusOf) };
      default:
        return b;
    }
  });
}

const minutesStatusKo = { draft: '초안', circulated: '회람 중', approved: '확정' } as const;

export interface ExportSourceDeps {
  store: Pick<Store, 'auth' | 'docs' | 'forum' | 'meetings' | 'proposals'>;
  /** The current state of a live document. */
  state(docName: string): Promise<Uint8Array>;
  clock: Clock;
  /** The origin links in exported files point to (https://forum.example.kr). */
  origin(): string;
}

/** A record ready to render, plus the plain text its seal covers (minutes only). */
export interface ExportSource {
  doc: ExportDocument;
  /** The normalized text an approval hash covers; null for what has no seal. */
  sealedText: string | null;
}

/** Builds the export documents from the stored record: minutes, proposals, the strategy. */
export class ExportSources {
  constructor(private readonly d: ExportSourceDeps) {}

  /** Approved minutes render the version sealed at approval; others the live text, marked as a draft. */
  async minutes(meetingId: string): Promise<ExportSource | null> {
    const m = await this.d.store.meetings.get(meetingId);
    if (!m) return null;
    const approved = m.minutesStatus === 'approved';
    const state = (approved && (await this.approvedState(this.d.store.docs, meetingId))) || (await this.d.state(minutesDocName(meetingId)));
    const { blocks, text } = this.read(state, MINUTES_FIELD);
    const done = await this.d.store.meetings.doneStates([meetingId]);
    const who = await people(this.d.store.auth, [m.chairId, m.minutesApprovedBy, ...done.map((r) => r.doneBy)]);
    const statusOf = (id: string): ActionStatus => {
      const r = done.find((x) => x.itemId === id);
      return r ? { done: true, on: seoulToday(new Date(r.doneAt)), by: who.get(r.doneBy)?.name ?? '' } : { done: false };
    };
    const facts = [
      { label: '회의', value: m.title },
      { label: '일시', value: formatSeoulDateTime(m.startsAt) },
      ...(m.place ? [{ label: '장소', value: m.place }] : []),
      ...(m.onlineLink ? [{ label: '온라인 참여', value: m.onlineLink }] : []),
      ...(m.chairId && who.get(m.chairId) ? [{ label: '주재', value: who.get(m.chairId)!.name }] : []),
      { label: '회의록 상태', value: minutesStatusKo[m.minutesStatus] },
    ];
    const seal =
      approved && m.minutesHash && m.minutesApprovedAt
        ? {
            approvedBy: (m.minutesApprovedBy && who.get(m.minutesApprovedBy)?.name) || '산업통상자원부',
            approvedAt: formatSeoulDateTime(m.minutesApprovedAt),
            sha256: m.minutesHash,
            verified: sha256(text) === m.minutesHash,
          }
        : null;
    if (seal) facts.push({ label: '확정', value: `${seal.approvedBy}, ${seal.approvedAt}` }, { label: 'SHA-256', value: seal.sha256 });
    return {
      doc: {
        title: `${m.title} 회의록`,
        date: seoulToday(new Date(m.startsAt)),
        draftNotice: approved ? null : `초안 — 확정되지 않은 회의록입니다 (상태: ${minutesStatusKo[m.minutesStatus]}).`,
        facts,
        blocks: withActionStatus(this.absolute(blocks), statusOf),
        seal,
        footer: this.footer(),
      },
      sealedText: approved ? text : null,
    };
  }

  /** A proposal's current text with its subcommittee, status and author. */
  async proposal(id: string): Promise<ExportSource | null> {
    const row = await this.d.store.proposals.byId(id);
    if (!row) return null;
    const { blocks } = this.read(await this.d.state(proposalDocName(id)), 'default');
    const subcommittees = await this.d.store.forum.subcommittees();
    const subcommittee = subcommittees.find((s) => s.id === row.subcommittee)?.nameKo ?? subcommitteeFallback(row.subcommittee);
    return {
      doc: {
        title: row.title,
        date: this.today(),
        draftNotice: null,
        facts: [
          { label: '분과', value: subcommittee },
          { label: '상태', value: statusNames[row.status].ko },
          { label: '작성자', value: row.authorName },
          { label: '최종 수정', value: formatSeoulDateTime(row.lastChangedAt) },
          ...(row.summary ? [{ label: '요약', value: row.summary }] : []),
        ],
        blocks: this.absolute(withTitle(blocks, row.title)),
        seal: null,
        footer: this.footer(),
      },
      sealedText: null,
    };
  }

  /** A document given as its blocks (the strategy assembles its own facts). */
  document(doc: Omit<ExportDocument, 'footer' | 'blocks'> & { blocks: Block[] }): ExportSource {
    return { doc: { ...doc, blocks: this.absolute(doc.blocks), footer: this.footer() }, sealedText: null };
  }

  /** The blocks of a state update's text field, and its normalized text. */
  read(state: Uint8Array, field: string): { blocks: Block[]; text: string } {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      const fragment = doc.getXmlFragment(field);
      return { blocks: blocksFromFragment(fragment), text: minutesText(fragment) };
    } finally {
      doc.destroy();
    }
  }

  today(): string {
    return seoulToday(new Date(this.d.clock.now()));
  }

  private async approvedState(docs: DocStore, meetingId: string): Promise<Uint8Array | null> {
    const info = (await docs.listVersions(minutesDocName(meetingId))).find((v) => v.label === APPROVED_MINUTES_LABEL);
    return info ? ((await docs.version(info.id))?.state ?? null) : null;
  }

  private footer(): string {
    return `산업대전환 포럼 워크스페이스에서 내보냄 · ${formatSeoulDateTime(new Date(this.d.clock.now()).toISOString())} (한국 시간)`;
  }

  /** Links inside the app (`/proposals/12`) become addresses that work outside it. */
  private absolute(blocks: Block[]): Block[] {
    const origin = this.d.origin();
    const fix = (list: Inline[]): Inline[] => list.map((i) => (i.link?.startsWith('/') ? { ...i, link: `${origin}${i.link}` } : i));
    const walk = (b: Block): Block => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
        case 'decision':
          return { ...b, inlines: fix(b.inlines) };
        case 'action':
          return { ...b, inlines: fix(b.inlines) };
        case 'list':
          return { ...b, items: b.items.map((item) => item.map(walk)) };
        case 'table':
          return { ...b, rows: b.rows.map((r) => ({ ...r, cells: r.cells.map(fix) })) };
        case 'quote':
          return { ...b, blocks: b.blocks.map(walk) };
        case 'box':
          return { ...b, caption: fix(b.caption), blocks: b.blocks.map(walk) };
        default:
          return b;
      }
    };
    return blocks.map(walk);
  }
}

/** The text with the title as its first heading, unless it already starts with it. */
function withTitle(blocks: Block[], title: string): Block[] {
  const first = blocks[0];
  if (first?.type === 'heading' && first.inlines.map((i) => i.text).join('').trim() === title.trim()) return blocks;
  return [{ type: 'heading', level: 1, inlines: [{ text: title }] }, ...blocks];
}

const subcommitteeFallback = (id: SubcommitteeId) => id;
