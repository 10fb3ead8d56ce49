import { STRATEGY_FIELD } from '../../shared/strategy';
import type { StrategyService } from '../strategy/strategy-service';
import type { ExportSource, ExportSources } from './sources';

/** The strategy as an export: its text (chapters, incorporated proposals with their sources) and where it stands. */
export async function strategyExport(sources: ExportSources, strategy: StrategyService, state: (docName: string) => Promise<Uint8Array>): Promise<ExportSource> {
  await strategy.ensureDocument();
  const chapters = await strategy.progress();
  const { blocks } = sources.read(await state(strategy.docName), STRATEGY_FIELD);
  const today = sources.today();
  const view = await strategy.view({ id: '', email: '', name: '', role: 'observer', subcommittee: null, createdAt: today });
  const incorporated = chapters.reduce((n, c) => n + c.incorporated.length, 0);
  const pending = chapters.reduce((n, c) => n + c.pending.length, 0);
  return sources.document({
    title: '산업대전환 전략',
    date: today,
    draftNotice: null,
    facts: [
      { label: '마감', value: `${view.dueOn} (${view.daysLeft >= 0 ? `D-${view.daysLeft}` : `D+${-view.daysLeft}`})` },
      { label: '전략 반영', value: `${incorporated}건 (채택 후 반영 대기 ${pending}건)` },
      ...chapters.map((c) => ({ label: c.nameKo, value: `반영 ${c.incorporated.length}건 · 채택 ${c.counts.adopted ?? 0}건 · 논의 중 ${c.counts.under_discussion ?? 0}건` })),
    ],
    blocks,
    seal: null,
  });
}
