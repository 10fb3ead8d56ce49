import type { AppError, ErrorCode, ErrorReason } from '../../shared/result';
import type { Locale } from './i18n';

interface ErrorsCatalogue {
  reasons: Record<ErrorReason, string>;
  /** A plain-language lead for errors without a specific reason; the server's detail follows it. */
  codes: Record<ErrorCode, string>;
}

const ko: ErrorsCatalogue = {
  reasons: {
    'auth.invalid_credentials': '이메일 또는 비밀번호가 올바르지 않습니다.',
    'auth.rate_limited': '로그인 시도가 너무 많습니다. 15분 뒤에 다시 시도하세요.',
    'auth.signed_out': '로그인이 필요합니다.',
    'requests.rate_limited': '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
    'invitation.invalid': '유효하지 않은 초대 링크입니다.',
    'invitation.used': '이미 사용된 초대 링크입니다.',
    'invitation.expired': '초대 링크의 유효 기간이 지났습니다. 사무국에 새 링크를 요청하세요.',
    'invitation.email_taken': '이 이메일로 이미 가입된 계정이 있습니다.',
    'invitation.email_required': '계정에 사용할 이메일 주소를 입력하세요.',
  },
  codes: {
    invalid_input: '입력값을 확인하세요',
    payload_too_large: '요청이 너무 큽니다',
    unauthenticated: '로그인이 필요합니다',
    forbidden: '권한이 없습니다',
    not_found: '찾을 수 없습니다',
    conflict: '지금은 처리할 수 없습니다',
    rate_limited: '요청이 너무 많습니다',
    bad_origin: '허용되지 않은 출처의 요청입니다',
    internal: '서버에서 문제가 발생했습니다',
  },
};

const en: ErrorsCatalogue = {
  reasons: {
    'auth.invalid_credentials': 'The email or password is incorrect.',
    'auth.rate_limited': 'Too many sign-in attempts. Try again in 15 minutes.',
    'auth.signed_out': 'Please sign in.',
    'requests.rate_limited': 'Too many requests. Please wait a moment and try again.',
    'invitation.invalid': 'This invitation link is not valid.',
    'invitation.used': 'This invitation has already been used.',
    'invitation.expired': 'This invitation has expired. Ask the secretariat for a new link.',
    'invitation.email_taken': 'An account with this email already exists.',
    'invitation.email_required': 'Enter the email address for your account.',
  },
  codes: {
    invalid_input: 'Check your input',
    payload_too_large: 'The request is too large',
    unauthenticated: 'Please sign in',
    forbidden: 'Not allowed',
    not_found: 'Not found',
    conflict: 'This cannot be done now',
    rate_limited: 'Too many requests',
    bad_origin: 'Request from a foreign origin',
    internal: 'Something went wrong on the server',
  },
};

const catalogues: Record<Locale, ErrorsCatalogue> = { ko, en };

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
];

const koIssue = (message: string): string => {
  for (const [pattern, say] of koRules) {
    const m = message.match(pattern);
    if (m) return say(m);
  }
  return message;
};

/**
 * The words for a refusal in the user's language: a known reason gets its own
 * sentence; otherwise a plain lead for the code, then the server's detail
 * (English, but specific: it names the field or the rule).
 */
export function localizedError(error: AppError, locale: Locale): string {
  const c = catalogues[locale];
  const reason = error.reason as ErrorReason | undefined;
  if (reason && reason in c.reasons) return c.reasons[reason];
  if (locale === 'en') return error.message;
  const lead = c.codes[error.code] ?? c.codes.internal;
  // Each bad field named, with the rule in Korean where we know it.
  if (error.issues?.length) return `${lead}: ${error.issues.map((i) => `${i.path}: ${koIssue(i.message)}`).join('; ')}`;
  return `${lead}: ${error.message}`;
}
