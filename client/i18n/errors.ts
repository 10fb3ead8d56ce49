import type { ErrorReason, ReasonParams } from '../../shared/error-reasons';
import type { AppError } from '../../shared/result';
import type { Catalogue } from './catalogue';
import { en as enCatalogue } from './en';
import type { Locale } from './i18n';
import { ko as koCatalogue } from './ko';

/** A reason's sentence, filled from its params; `t` names statuses in the same language. */
type Say = string | ((p: ReasonParams, t: Catalogue) => string);

const str = (p: ReasonParams, key: string): string => String(p[key] ?? '');
const proposalStatus = (t: Catalogue, p: ReasonParams, key: string) => t.proposals.statuses[str(p, key) as keyof Catalogue['proposals']['statuses']] ?? str(p, key);
const meetingStatus = (t: Catalogue, p: ReasonParams, key: string) => t.meetings.statuses[str(p, key) as keyof Catalogue['meetings']['statuses']] ?? str(p, key);
const minutesStatus = (t: Catalogue, p: ReasonParams, key: string) =>
  t.meetings.minutesStatuses[str(p, key) as keyof Catalogue['meetings']['minutesStatuses']] ?? str(p, key);
const pollStatus = (t: Catalogue, p: ReasonParams) => t.polls.statuses[str(p, 'status') as keyof Catalogue['polls']['statuses']] ?? str(p, 'status');

const ko: Record<ErrorReason, Say> = {
  'auth.invalid_credentials': '이메일 또는 비밀번호가 올바르지 않습니다.',
  'auth.rate_limited': '로그인 시도가 너무 많습니다. 15분 뒤에 다시 시도하세요.',
  'auth.signed_out': '로그인이 필요합니다.',
  'requests.rate_limited': '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
  'invitation.invalid': '유효하지 않은 초대 링크입니다.',
  'invitation.used': '이미 사용된 초대 링크입니다.',
  'invitation.expired': '초대 링크의 유효 기간이 지났습니다. 사무국에 새 링크를 요청하세요.',
  'invitation.email_taken': '이 이메일로 이미 가입된 계정이 있습니다.',
  'invitation.email_required': '계정에 사용할 이메일 주소를 입력하세요.',
  'invitation.missing': '대기 중인 초대를 찾을 수 없습니다. 이미 수락되었거나 취소되었을 수 있습니다.',
  'role.ministry_only': '사무국(산업통상자원부) 직원만 할 수 있습니다.',
  'role.meeting_runner': '사무국 직원이나 이 회의의 의장만 할 수 있습니다.',
  'role.meeting_runner_or_speaker': '사무국 직원, 회의 의장 또는 발언자 본인만 발언을 마칠 수 있습니다.',
  'role.meeting_runner_or_presenter': '사무국 직원, 회의 의장 또는 현재 안건의 발표자만 발표할 수 있습니다.',
  'role.proposal_writer': '이 제안 분과의 위원장과 사무국 직원만 할 수 있습니다.',
  'role.chairs_and_ministry': '위원장과 사무국 직원만 제안을 만들 수 있습니다.',
  'role.own_subcommittee': '위원장은 자기 분과의 제안만 만들 수 있습니다.',
  'role.observer_read_only': '참관인은 읽기만 할 수 있습니다.',
  'role.reader': '이 기록을 볼 권한이 없습니다.',
  'role.not_allowed': '이 작업을 할 권한이 없습니다.',
  'role.minutes_writer': '회의록이 초안일 때 사무국 직원과 회의록 작성자만 할 수 있습니다.',
  'role.action_item_owner': '후속 조치의 담당자, 사무국 직원, 회의록 작성자만 완료로 표시할 수 있습니다.',
  'users.own_ministry_role': '자신의 사무국 역할은 해제할 수 없습니다. 다른 사무국 직원에게 요청하세요.',
  'missing.meeting': '회의를 찾을 수 없습니다.',
  'missing.proposal': '제안을 찾을 수 없습니다.',
  'missing.poll': '표결을 찾을 수 없습니다.',
  'missing.user': '사용자를 찾을 수 없습니다.',
  'missing.agenda_item': '이 회의에 그런 안건이 없습니다.',
  'missing.notification': '알림을 찾을 수 없습니다.',
  'missing.version': '그런 버전이 없습니다.',
  'missing.delegation': '위임을 찾을 수 없습니다.',
  'missing.calendar': '캘린더를 찾을 수 없습니다.',
  'missing.export': '그런 내보내기 형식이 없습니다.',
  'missing.forum': '포럼이 아직 설정되지 않았습니다.',
  'missing.strategy': '전략 문서가 아직 없습니다.',
  'missing.endpoint': '요청한 주소가 없습니다.',
  'missing.raised_hand': '발언 신청이 없습니다.',
  'missing.action_item': '이 회의록에 그런 후속 조치가 없습니다.',
  'missing.amendment': '이 제안에 그런 수정 제안(대체 문구가 있는 의견)이 없습니다.',
  'amendment.author_or_ministry': '수정 제안은 제안 작성자나 사무국 직원만 수락하거나 거절할 수 있습니다.',
  'amendment.not_discussed': '수정 제안은 제안이 제출되었거나 논의 중일 때만 수락하거나 거절할 수 있습니다.',
  'amendment.decided': '이 수정 제안은 이미 수락되었거나 거절되었습니다.',
  'amendment.text_changed': '의견을 단 부분이 그 뒤에 바뀌었거나 여러 문단에 걸쳐 있어 자동으로 반영할 수 없습니다. 직접 고쳐 주세요.',
  'meeting.ended': '회의가 끝났습니다. 기록은 읽기 전용입니다.',
  'meeting.cancelled': '취소된 회의입니다. 기록은 읽기 전용입니다.',
  'meeting.not_started': '회의가 아직 시작되지 않았습니다.',
  'meeting.changed': '그 사이 회의가 바뀌었습니다. 새로 고친 뒤 다시 시도하세요.',
  'meeting.not_joined': '회의에 먼저 입장하세요.',
  'meeting.no_floor': '지금 발언 중인 사람이 없습니다.',
  'meeting.transition': (p, t) => `‘${meetingStatus(t, p, 'from')}’ 상태의 회의는 ‘${meetingStatus(t, p, 'to')}’(으)로 바꿀 수 없습니다.`,
  'meeting.chair_role': (p) => `${str(p, 'name')} 님은 회의 의장이 될 수 없습니다. 의장은 사무국 직원이나 위원장이어야 합니다.`,
  'meeting.agenda_order': '안건 순서에는 이 회의의 모든 안건이 한 번씩 들어가야 합니다.',
  'minutes.transition': (p, t) =>
    str(p, 'meeting') !== 'ended' ? '회의록은 회의가 끝난 뒤에 회람하거나 확정할 수 있습니다.'
    : str(p, 'from') === 'approved' ? '확정된 회의록은 바꿀 수 없습니다.'
    : `‘${minutesStatus(t, p, 'from')}’ 상태의 회의록은 ‘${minutesStatus(t, p, 'to')}’(으)로 바꿀 수 없습니다.`,
  'minutes.changed': '그 사이 회의록이 바뀌었습니다. 새로 고친 뒤 다시 시도하세요.',
  'minutes.not_approved': '확정된 회의록에만 봉인된 본문이 있습니다. 먼저 확정하세요.',
  'proposal.locked': (p, t) => `제안이 ‘${proposalStatus(t, p, 'status')}’ 상태라 본문이 잠겨 있습니다. 초안만 고칠 수 있습니다.`,
  'proposal.changed': '그 사이 제안의 상태가 바뀌었습니다. 새로 고친 뒤 다시 시도하세요.',
  'proposal.transition': (p, t) => `‘${proposalStatus(t, p, 'from')}’ 상태의 제안은 ‘${proposalStatus(t, p, 'to')}’(으)로 옮길 수 없습니다.`,
  'proposal.reopen_reason': '부결된 제안을 다시 열려면 사유를 적어 주세요. 사유는 이력에 남습니다.',
  'proposal.subcommittee_required': '제안이 속할 분과를 고르세요.',
  'proposal.rename_locked': (p, t) => `제안이 ‘${proposalStatus(t, p, 'status')}’ 상태라 사무국 직원만 제목을 바꿀 수 있습니다.`,
  'poll.not_open': (p, t) => `표결이 ‘${pollStatus(t, p)}’ 상태라 투표할 수 없습니다.`,
  'poll.closed': '표결이 종료되었습니다. 결과는 확정되었습니다.',
  'poll.cancelled': '취소된 표결입니다.',
  'poll.never_opened': '시작한 적 없는 표결입니다. 대신 취소하세요.',
  'poll.meeting_not_live': '표결은 회의가 진행 중일 때만 시작할 수 있습니다.',
  'poll.nobody_eligible': '이 표결에 투표할 수 있는 사람이 없습니다.',
  'poll.not_eligible': (p) => (str(p, 'self') === 'false' ? '대신 투표하려는 사람은 이 표결의 투표권이 없습니다.' : '이 표결의 투표권이 없습니다.'),
  'poll.already_voted': (p) => (str(p, 'self') === 'false' ? '이 사람의 표는 이미 접수되었습니다. 한 번만 셉니다.' : '이미 투표하셨습니다. 한 번만 셉니다.'),
  'poll.delegated': '이 회의의 투표를 위임하셨습니다. 대리인만 투표할 수 있습니다.',
  'poll.no_delegation': '이 사람에게서 이 회의의 투표를 위임받지 않았습니다.',
  'poll.check_in': '투표하려면 먼저 출석 확인을 하세요. 이 표결은 출석한 사람만 투표할 수 있습니다.',
  'poll.decisive_close': '제안을 결정하는 표결은 그 제안을 결정할 수 있는 사무국 직원만 준비하거나 마감할 수 있습니다.',
  'poll.proposal_not_on_agenda': (p) => `‘${str(p, 'title')}’은(는) 이 회의의 안건이 아닙니다. 표결은 안건에 오른 제안만 결정합니다.`,
  'poll.proposal_not_under_discussion': (p, t) =>
    `‘${str(p, 'title')}’은(는) ‘${proposalStatus(t, p, 'status')}’ 상태입니다. 표결은 논의 중인 제안만 결정합니다.`,
  'poll.proposal_missing': '그런 제안이 없습니다.',
  'poll.observer_voter': '참관인은 투표하지 않습니다. 투표자 목록을 확인하세요.',
  'poll.ballot': '선택을 확인하세요: 선택지를 골랐는지, 고를 수 있는 수를 넘지 않았는지.',
  'poll.export_open': '투표 내역은 표결이 종료된 뒤에 내보낼 수 있습니다.',
  'delegation.chair_only': '위원장만 투표를 위임할 수 있습니다.',
  'delegation.to_observer': (p) => `${str(p, 'name')} 님은 참관인입니다. 투표는 참석자에게만 위임할 수 있습니다.`,
  'delegation.self': '자기 자신에게는 위임할 수 없습니다.',
  'delegation.exists': (p) => `${str(p, 'name')} 님은 이미 이 회의의 투표를 위임했습니다. 먼저 철회하세요.`,
  'delegation.chain': '위임받은 사람은 다시 위임할 수 없고, 위임한 사람은 위임받을 수 없습니다.',
  'delegation.own_only': '위임은 위원장 본인이 하거나 사무국 직원이 대신 기록합니다.',
  'input.invalid': '입력값을 확인하세요',
  'input.role_required': '역할을 고르세요.',
  'input.too_large': '요청이 너무 큽니다.',
  'request.bad_origin': '허용되지 않은 출처의 요청입니다.',
  'server.internal': '서버에서 문제가 발생했습니다. 잠시 후 다시 시도하세요.',
  'server.unreachable': '서버에 연결할 수 없습니다. 네트워크를 확인하세요.',
};

const en: Record<ErrorReason, Say> = {
  'auth.invalid_credentials': 'The email or password is incorrect.',
  'auth.rate_limited': 'Too many sign-in attempts. Try again in 15 minutes.',
  'auth.signed_out': 'Please sign in.',
  'requests.rate_limited': 'Too many requests. Please wait a moment and try again.',
  'invitation.invalid': 'This invitation link is not valid.',
  'invitation.used': 'This invitation has already been used.',
  'invitation.expired': 'This invitation has expired. Ask the secretariat for a new link.',
  'invitation.email_taken': 'An account with this email already exists.',
  'invitation.email_required': 'Enter the email address for your account.',
  'invitation.missing': 'No such pending invitation: it may have been accepted or revoked.',
  'role.ministry_only': 'Only ministry staff can do this.',
  'role.meeting_runner': "Only ministry staff or the meeting's chair can do this.",
  'role.meeting_runner_or_speaker': "Only ministry staff, the meeting's chair or the speaker can end the floor.",
  'role.meeting_runner_or_presenter': "Only ministry staff, the meeting's chair or the current item's presenter can present.",
  'role.proposal_writer': "Only the chair of this proposal's subcommittee and ministry staff can do this.",
  'role.chairs_and_ministry': 'Only chairpersons and ministry staff can create proposals.',
  'role.own_subcommittee': 'Chairpersons create proposals in their own subcommittee only.',
  'role.observer_read_only': 'Observers follow read-only.',
  'role.reader': 'You may not read this record.',
  'role.not_allowed': 'You are not allowed to do this.',
  'role.minutes_writer': 'Only ministry staff and minute-takers can do this, while the minutes are a draft.',
  'role.action_item_owner': "Only the action item's owner, ministry staff or a minute-taker can mark it done.",
  'users.own_ministry_role': 'You cannot remove your own ministry role. Ask another ministry staff member.',
  'missing.meeting': 'No such meeting.',
  'missing.proposal': 'No such proposal.',
  'missing.poll': 'No such poll.',
  'missing.user': 'No such user.',
  'missing.agenda_item': 'No such agenda item in this meeting.',
  'missing.notification': 'No such notification.',
  'missing.version': 'No such version.',
  'missing.delegation': 'No such delegation.',
  'missing.calendar': 'No such calendar.',
  'missing.export': 'No such export format.',
  'missing.forum': 'The forum has not been set up yet.',
  'missing.strategy': 'There is no strategy document yet.',
  'missing.endpoint': 'No such address.',
  'missing.raised_hand': 'That hand is not raised.',
  'missing.action_item': 'No such action item in the minutes of this meeting.',
  'missing.amendment': 'No comment with a suggested replacement text has this id on this proposal.',
  'amendment.author_or_ministry': "Only the proposal's author and ministry staff can accept or decline an amendment.",
  'amendment.not_discussed': 'Amendments are decided while the proposal is submitted or under discussion.',
  'amendment.decided': 'This amendment has already been accepted or declined.',
  'amendment.text_changed': 'The commented text has changed since, or spans several paragraphs: apply this amendment by hand.',
  'meeting.ended': 'The meeting has ended; its record is read-only.',
  'meeting.cancelled': 'The meeting was cancelled; its record is read-only.',
  'meeting.not_started': 'The meeting has not started yet.',
  'meeting.changed': 'The meeting changed meanwhile; reload and try again.',
  'meeting.not_joined': 'Join the meeting first.',
  'meeting.no_floor': 'Nobody has the floor.',
  'meeting.transition': (p, t) => `A meeting that is ${meetingStatus(t, p, 'from')} cannot become ${meetingStatus(t, p, 'to')}.`,
  'meeting.chair_role': (p) => `${str(p, 'name')} cannot chair a meeting; the chair must be ministry staff or a chairperson.`,
  'meeting.agenda_order': 'The new order must list every agenda item of the meeting exactly once.',
  'minutes.transition': (p, t) =>
    str(p, 'meeting') !== 'ended' ? 'Minutes can be circulated or approved once the meeting has ended.'
    : str(p, 'from') === 'approved' ? 'Approved minutes cannot change.'
    : `Minutes that are ${minutesStatus(t, p, 'from')} cannot become ${minutesStatus(t, p, 'to')}.`,
  'minutes.changed': 'The minutes changed meanwhile; reload and try again.',
  'minutes.not_approved': 'Only approved minutes have a sealed text; approve them first.',
  'proposal.locked': (p, t) => `The text is locked while the proposal is ${proposalStatus(t, p, 'status')}; only a draft can change.`,
  'proposal.changed': 'The status changed meanwhile; reload the proposal and try again.',
  'proposal.transition': (p, t) => `A proposal that is ${proposalStatus(t, p, 'from')} cannot become ${proposalStatus(t, p, 'to')}.`,
  'proposal.reopen_reason': 'Give the reason for reopening a rejected proposal; it is kept in its history.',
  'proposal.subcommittee_required': 'Choose the subcommittee the proposal belongs to.',
  'proposal.rename_locked': (p, t) => `The proposal is ${proposalStatus(t, p, 'status')}; only ministry staff can rename it now.`,
  'poll.not_open': (p, t) => `This poll is ${pollStatus(t, p)}; it takes no ballots.`,
  'poll.closed': 'This poll is closed; its result stands.',
  'poll.cancelled': 'This poll was cancelled.',
  'poll.never_opened': 'This poll was never opened; cancel it instead.',
  'poll.meeting_not_live': 'A poll opens only while its meeting is live.',
  'poll.nobody_eligible': 'Nobody is eligible to vote in this poll.',
  'poll.not_eligible': (p) => (str(p, 'self') === 'false' ? 'The person you vote for is not eligible in this poll.' : 'You are not eligible to vote in this poll.'),
  'poll.already_voted': (p) => (str(p, 'self') === 'false' ? 'A ballot for this person was already received; it counts once.' : 'Your ballot was already received; it counts once.'),
  'poll.delegated': 'You delegated your vote for this meeting; only your delegate can cast it.',
  'poll.no_delegation': 'You hold no delegation from this person for this meeting.',
  'poll.check_in': 'Check in to the meeting to vote: this poll requires voters to be present.',
  'poll.decisive_close': 'Only someone who may decide the proposal (ministry staff) can prepare or close a vote that decides it.',
  'poll.proposal_not_on_agenda': (p) => `‘${str(p, 'title')}’ is not on this meeting's agenda; a vote decides only a proposal on its agenda.`,
  'poll.proposal_not_under_discussion': (p, t) => `‘${str(p, 'title')}’ is ${proposalStatus(t, p, 'status')}; a vote decides only a proposal under discussion.`,
  'poll.proposal_missing': 'No such proposal.',
  'poll.observer_voter': 'Observers do not vote; check the list of voters.',
  'poll.ballot': 'Check your choice: an option chosen, and no more than allowed.',
  'poll.export_open': 'Ballots are exported once the poll is closed.',
  'delegation.chair_only': 'Only a chairperson can delegate a vote.',
  'delegation.to_observer': (p) => `${str(p, 'name')} is an observer; a vote can only be delegated to a participant.`,
  'delegation.self': 'A vote cannot be delegated to oneself.',
  'delegation.exists': (p) => `${str(p, 'name')} has already delegated their vote for this meeting; withdraw it first.`,
  'delegation.chain': 'A delegate cannot pass a vote on, and a delegator cannot hold one.',
  'delegation.own_only': 'A chairperson delegates their own vote; ministry staff may record it for them.',
  'input.invalid': 'Check your input',
  'input.role_required': 'Choose a role.',
  'input.too_large': 'The request is too large.',
  'request.bad_origin': 'Request from a foreign origin.',
  'server.internal': 'Something went wrong on the server. Please try again shortly.',
  'server.unreachable': 'The server cannot be reached. Check your network.',
};

const sentences: Record<Locale, Record<ErrorReason, Say>> = { ko, en };

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
  const t = locale === 'ko' ? koCatalogue : enCatalogue;
  const say = (sentences[locale] as Partial<Record<string, Say>>)[error.reason] ?? sentences[locale]['server.internal'];
  const sentence = typeof say === 'string' ? say : say(error.params ?? {}, t);
  if (error.code !== 'invalid_input' || !error.issues?.length || error.reason !== 'input.invalid') return sentence;
  if (locale === 'en') return `${sentence}: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  return `${sentence}: ${error.issues.map(koIssue).join('; ')}`;
}
