/**
 * Export rendering: how long one file takes per format, for minutes of a long meeting
 * (20 agenda items, each with notes, a decision, an action item and a table). The PDF
 * parses and subsets Noto Sans KR (two 4.5 MB OpenType fonts) for every file, which is
 * why the export buttons show progress after a second. Prints medians and the p10–p90 range.
 */
import { render } from '../server/exports/routes';
import type { Block, ExportDocument } from '../server/exports/model';

export function longMinutes(items = 20): ExportDocument {
  const blocks: Block[] = [{ type: 'heading', level: 1, inlines: [{ text: '제1차 산업대전환 포럼 위원장 회의 회의록' }] }];
  for (let i = 0; i < items; i++) {
    blocks.push(
      { type: 'heading', level: 2, inlines: [{ text: `${i + 1}. 국가 산업인재은행 제안 보고 (${i + 1})` }] },
      { type: 'paragraph', inlines: [{ text: '산업 현장의 숙련 인재와 은퇴 전문가를 등록하고, 필요한 기업과 연결하는 국가 산업인재은행을 운영한다. '.repeat(3) }] },
      { type: 'decision', inlines: [{ text: `표결 결과: 안건 ${i + 1} — 가결` }] },
      { type: 'action', inlines: [{ text: '운영 방안 보고' }], owner: '산업부 산업정책과', due: '2026-12-15' },
      { type: 'table', rows: [{ header: true, cells: [[{ text: '과제' }], [{ text: '담당' }]] }, { header: false, cells: [[{ text: '인재 데이터 플랫폼' }], [{ text: '인력 분과' }]] }] },
    );
  }
  return { title: '제1차 산업대전환 포럼 위원장 회의 회의록', date: '2026-11-20', draftNotice: null, facts: [{ label: '일시', value: '2026년 11월 20일 (금) 14:00' }], blocks, seal: null, footer: 'bench' };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function runExports(options: { runs?: number; log?: (line: string) => void } = {}): Promise<void> {
  const { runs = 7, log = console.log } = options;
  const doc = longMinutes();
  for (const format of ['md', 'hwpx', 'docx', 'pdf'] as const) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      size = (await render(doc, format)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    log(`exports ${format.padEnd(4)} median ${quantile(times, 0.5).toFixed(0).padStart(6)} ms  p10–p90 ${quantile(times, 0.1).toFixed(0)}–${quantile(times, 0.9).toFixed(0)} ms  ${(size / 1024).toFixed(0)} KB  (${runs} runs)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runExports({ runs: Number(process.argv[2] ?? 7) });
