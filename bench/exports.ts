/**
 * Export rendering: how long one file takes per format, for minutes of a long meeting
 * (20 agenda items, each with notes, a decision, an action item and a table), and how long
 * the event loop is held meanwhile — in-process and on the render thread the server uses.
 * Prints medians and the p10–p90 range.
 */
import type { DocumentFormat } from '../shared/exports';
import { renderHere } from '../server/exports/render';
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

/**
 * The longest gap between ticks of a 1 ms timer from now until `stop`: how long the event
 * loop (the server's, in production) could not answer anything else.
 */
function loopMeter(): { stop(): Promise<number> } {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  return {
    async stop() {
      // Let a tick that waited behind the work run and measure its wait.
      await new Promise((resolve) => setTimeout(resolve, 2));
      running = false;
      return longest;
    },
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Renders `runs` files with `how`, after one untimed warm-up; medians and p10–p90 of time and of the event loop held. */
async function measure(label: string, runs: number, how: () => Promise<Buffer>, log: (line: string) => void): Promise<void> {
  const times: number[] = [];
  const stalls: number[] = [];
  let size = 0;
  // Fonts parsed, code compiled, the render thread started: not timed.
  await how();
  for (let i = 0; i < runs; i++) {
    // The longest the event loop (the server's, in production) could not answer anything else meanwhile.
    const loop = loopMeter();
    const started = performance.now();
    size = (await how()).length;
    times.push(performance.now() - started);
    stalls.push(await loop.stop());
  }
  times.sort((a, b) => a - b);
  stalls.sort((a, b) => a - b);
  const range = (xs: number[]) => `median ${quantile(xs, 0.5).toFixed(0).padStart(5)} ms, p10–p90 ${quantile(xs, 0.1).toFixed(0)}–${quantile(xs, 0.9).toFixed(0)} ms`;
  log(`exports ${label.padEnd(17)} file ${range(times)}   event loop held ${range(stalls)}   ${(size / 1024).toFixed(0)} KB  (${runs} runs)`);
}

/** Each format as the server renders it (PDF, DOCX, HWPX on the render thread), and in-process for comparison. */
export async function runExports(options: { runs?: number; log?: (line: string) => void } = {}): Promise<void> {
  const { runs = 7, log = console.log } = options;
  const doc = longMinutes();
  for (const format of ['md', 'hwpx', 'docx', 'pdf'] as const satisfies DocumentFormat[]) {
    if (format !== 'md') await measure(`${format} in-process`, runs, () => renderHere(doc, format), log);
    await measure(format === 'md' ? 'md' : `${format} on thread`, runs, () => render(doc, format), log);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runExports({ runs: Number(process.argv[2] ?? 7) });
