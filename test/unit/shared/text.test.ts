import { beforeAll, describe, expect, it } from 'vitest';
import { CreatePollBody } from '../../../shared/schemas/polls';
import { ChangeStatusBody, CreateProposalBody } from '../../../shared/schemas/proposals';
import { line, paragraph } from '../../../shared/schemas/text';
import { localizedError } from '../../../client/i18n/errors';
import { loadPack } from '../../../client/i18n/packs';

// English is a chunk of its own in the browser, loaded when someone reads English.
beforeAll(() => loadPack('en'));

const title = line(200);
const note = paragraph(500);
const firstIssue = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => r.error?.issues[0];

// value → what a one-line field answers: the stored value, or the start of the refusal
const lines: [string, string, { stored: string } | { refused: RegExp }][] = [
  ['jamo typed separately become one syllable (NFC)', '\u1112\u1161\u11AB 국', { stored: '한 국' }],
  ['spaces around are trimmed', '  국가 산업인재은행 ', { stored: '국가 산업인재은행' }],
  ['LRM stays (a mark, not an override)', 'A\u200EB', { stored: 'A\u200EB' }],
  ['empty', '', { refused: /^must not be empty$/ }],
  ['spaces only', '   ', { refused: /^must not be empty$/ }],
  ['zero-width space only', '\u200B', { refused: /only spaces or invisible characters/ }],
  ['zero-width joiner and BOM', '\u200D\uFEFF', { refused: /invisible/ }],
  ['Hangul filler only', '\u3164', { refused: /invisible/ }],
  ['a newline', '첫 줄\n둘째 줄', { refused: /^must be one line/ }],
  ['a carriage return', '첫 줄\r둘째 줄', { refused: /^must be one line/ }],
  ['a line separator', '첫 줄\u2028둘째 줄', { refused: /U\+2028/ }],
  ['a tab', '제목\t탭', { refused: /control characters \(U\+0009\)/ }],
  ['a bell', '제목\u0007', { refused: /control characters \(U\+0007\)/ }],
  ['a C1 control', '제목\u0085', { refused: /control characters|one line/ }],
  ['a right-to-left override', '\u202Egnp.exe', { refused: /bidirectional override characters \(U\+202E\)/ }],
  ['a first-strong isolate', '제목\u2068x\u2069', { refused: /U\+2068/ }],
];

describe('one line of text (titles, names, options)', () => {
  for (const [what, value, answer] of lines) {
    it(what, () => {
      const r = title.safeParse(value);
      if ('stored' in answer) expect(r.success && r.data).toBe(answer.stored);
      else expect(firstIssue(r)?.message).toMatch(answer.refused);
    });
  }
});

describe('paragraphs (summaries, notes)', () => {
  it('keep line breaks (CRLF becomes LF) and tabs, refuse the rest as lines do', () => {
    expect(note.parse('첫 줄\r\n둘째 줄\t끝')).toBe('첫 줄\n둘째 줄\t끝');
    expect(firstIssue(note.safeParse('\u200B\n\u200B'))?.message).toMatch(/invisible/);
    expect(firstIssue(note.safeParse('a\u202Db'))?.message).toMatch(/bidirectional/);
    expect(firstIssue(note.safeParse('a\u0000b'))?.message).toMatch(/U\+0000/);
  });
});

describe('the schemas use them, naming the field', () => {
  it('a proposal title, a status note, poll options', () => {
    expect(firstIssue(CreateProposalBody.safeParse({ title: '\u200B' }))?.path).toEqual(['title']);
    expect(firstIssue(ChangeStatusBody.safeParse({ to: 'draft', note: 'a\u202Eb' }))?.path).toEqual(['note']);
    const options = CreatePollBody.safeParse({ title: '어느 안?', kind: 'single', options: ['가안', '가안 '] });
    expect(firstIssue(options)).toMatchObject({ path: ['options'], message: expect.stringMatching(/different from each other/) });
    // Two spellings of one syllable are one option.
    const jamo = CreatePollBody.safeParse({ title: '어느 안?', kind: 'single', options: ['\u1112\u1161\u11AB', '한'] });
    expect(firstIssue(jamo)?.message).toMatch(/different/);
    expect(firstIssue(CreatePollBody.safeParse({ title: '어느 안?', kind: 'single', options: ['가\n나', '다'] }))?.path).toEqual(['options', 0]);
  });

  it('the client says each rule in Korean, naming the field', () => {
    const error = {
      code: 'invalid_input' as const,
      message: 'Invalid body: title: …',
      reason: 'input.invalid' as const,
      issues: [{ path: 'title', message: 'must be one line: no line breaks' }],
    };
    expect(localizedError(error, 'ko')).toBe('입력값을 확인하세요: 제목: 한 줄로 입력하세요 (줄바꿈 불가)');
    expect(localizedError(error, 'en')).toBe('Check your input: title: must be one line: no line breaks');
  });
});
