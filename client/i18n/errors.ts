import type { AppError } from '../../shared/result';
import type { ErrorReason } from '../../shared/error-reasons';
import { packOf, type Locale } from './packs';
import type { ReasonSentences } from './reason-words';

/** The fields people type, named in Korean for the rule that refused them. */
const koFields: Record<string, string> = {
  title: '제목',
  name: '이름',
  email: '이메일',
  password: '비밀번호',
  place: '장소',
  onlineUrl: '온라인 주소',
  startsAt: '시작 시각',
  note: '메모',
  body: '본문',
  options: '선택지',
  agenda: '안건',
  presenter: '발표자',
  durationMinutes: '예정 시간',
  role: '역할',
  subcommittee: '분과',
  label: '이름',
  reason: '사유',
};

const koField = (path: string): string => {
  const words = path.split('.').filter((part) => !/^\d+$/.test(part));
  const last = words.at(-1) ?? '';
  return koFields[last] ?? '';
};

/** Korean for the field rules of shared/schemas/text.ts and the poll rules (the server words them in English). */
const koRules: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must not be empty: it holds only spaces or invisible characters$/, () => '공백이나 보이지 않는 문자만으로는 입력할 수 없습니다'],
  [/^must not be empty$/, () => '비워 둘 수 없습니다'],
  [/^must be one line: no line breaks$/, () => '한 줄로 입력하세요 (줄바꿈 불가)'],
  [/^must be one line: no line or paragraph separators \((U\+[0-9A-F]+)\)$/, (m) => `한 줄로 입력하세요 (줄 구분 문자 ${m[1]} 불가)`],
  [/^must not contain control characters \((U\+[0-9A-F]+)\)$/, (m) => `제어 문자(${m[1]})는 입력할 수 없습니다`],
  [/^must not contain bidirectional override characters \((U\+[0-9A-F]+)\)/, (m) => `양방향 재정의 문자(${m[1]})는 입력할 수 없습니다: 저장된 내용과 다르게 읽히게 합니다`],
  [/^must be at most (\d+) characters$/, (m) => `${m[1]}자 이하로 입력하세요`],
  [/^options must be different from each other/, () => '선택지는 서로 달라야 합니다 (공백·대소문자·정규화 후 비교)'],
  [/^a poll that decides a proposal asks yes\/no\/abstain/, () => '제안을 결정하는 표결은 찬성/반대/기권 방식이어야 합니다'],
  [/^must be an email address$/, () => '이메일 주소 형식이 아닙니다'],
  [/^must be a date/, () => '날짜 형식(YYYY-MM-DD)이 아닙니다'],
];

/** One refused field in Korean: its name where we know it, and the rule, or a plain "check the format". */
const koIssue = (issue: { path: string; message: string }): string => {
  const field = koField(issue.path);
  let rule = '형식이 올바르지 않습니다';
  for (const [pattern, say] of koRules) {
    const m = issue.message.match(pattern);
    if (m) {
      rule = say(m);
      break;
    }
  }
  return field ? `${field}: ${rule}` : rule;
};

/**
 * The words for a refusal in the user's language, from its reason (every server error
 * carries one); a bad field gets its rule too. An error without a known reason (an older
 * or newer server) reads as the plain lead for its kind, never as the server's English.
 */
export function localizedError(error: AppError, locale: Locale): string {
  const { catalogue: t, reasons } = packOf(locale);
  const say = (reasons as Partial<ReasonSentences>)[error.reason as ErrorReason] ?? reasons['server.internal'];
  const sentence = typeof say === 'string' ? say : say(error.params ?? {}, t);
  if (error.code !== 'invalid_input' || !error.issues?.length || error.reason !== 'input.invalid') return sentence;
  if (locale === 'en') return `${sentence}: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  return `${sentence}: ${error.issues.map(koIssue).join('; ')}`;
}
