import type { Catalogue } from './catalogue';
import { koAdmin } from './admin/ko';
import { koProposals } from './proposals/ko';
import { koEditor, koComments } from './editor/ko';
import { koMeetings } from './meetings/ko';
import { koPolls } from './polls/ko';
import { koStrategy } from './strategy/ko';
import { koNotifications } from './notifications/ko';
import { koActionItems } from './action-items/ko';
import { koSearch } from './search/ko';
import { koAmendments } from './amendments/ko';

/** Korean, the default language. */
export const ko: Catalogue = {
  app: {
    productName: '산업대전환 포럼 워크스페이스',
    ministry: '산업통상자원부',
    skipToContent: '본문 바로가기',
    loading: '불러오는 중…',
    loadFailed: '정보를 불러오지 못했습니다.',
    retry: '다시 시도',
    documentTitle: (page) => `${page} | 산업대전환 포럼 워크스페이스`,
    notFoundTitle: '페이지를 찾을 수 없습니다',
    notFoundBody: '주소가 바르게 입력되었는지 확인해 주세요.',
    goHome: '홈으로',
    sessionEnded: '세션이 종료되었습니다. 다시 로그인해 주세요.',
    networkError: '서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
    footer: '산업통상자원부 · 산업대전환 포럼 사무국',
  },
  header: {
    mainNav: '주 메뉴',
    home: '홈',
    admin: '관리',
    proposals: '제안',
    meetings: '회의',
    strategy: '전략',
    signedInAs: '로그인 사용자',
    signOut: '로그아웃',
    language: '언어',
  },
  forum: {
    name: '산업대전환 포럼',
    project: '200일 프로젝트',
    strategy: '산업대전환 전략',
    firstHalf: '상반기 중',
  },
  roles: {
    ministry: '산업부 담당자',
    chair: '분과위원장',
    staff: '회의록 작성자',
    observer: '참관인',
  },
  subcommittees: {
    investment: '투자 분과',
    workforce: '인력 분과',
    productivity: '생산성 분과',
    ecosystem: '기업환경 분과',
    global: '글로벌 전략 분과',
    newbusiness: '신사업 분과',
  },
  locations: { home: '홈', admin: '관리', proposals: '제안 목록', proposal: '제안 작성·검토', meetings: '회의 목록', meeting: '회의실', strategy: '산업대전환 전략' },
  signIn: {
    title: '로그인',
    intro: '초대받은 이메일 주소와 비밀번호로 로그인하세요.',
    email: '이메일',
    password: '비밀번호',
    submit: '로그인',
    submitting: '로그인 중…',
  },
  home: {
    projectDay: (day, total) => `${total}일 중 ${day}일차`,
    projectNotStarted: (n) => `시작까지 ${n}일`,
    projectEnded: '종료',
    tagline: '6개 분과 위원장과 산업통상자원부가 함께 산업대전환 전략을 만듭니다.',
    projectEndsOn: (date) => `${date} 종료`,
    strategyDueOn: (date) => `${date}까지 (상반기 중)`,
    subcommitteesTitle: '분과',
    subcommitteeProposals: '제안 보기',
    chair: '위원장',
    chairVacant: '위원장 미정',
  },
  presence: {
    title: '접속 중',
    count: (n) => `${n}명`,
    idle: '자리 비움',
    active: '활동 중',
    you: '나',
    empty: '지금 접속 중인 사람이 없습니다.',
    connecting: '실시간 연결 중…',
    disconnected: '실시간 연결이 끊어졌습니다. 다시 연결하는 중입니다.',
  },
  invite: {
    title: '초대 수락',
    intro: (email, role) => `${email} 주소로 ${role} 초대를 받았습니다. 이름과 비밀번호를 정해 계정을 만드세요.`,
    name: '이름',
    password: '비밀번호',
    passwordHint: (min) => `${min}자 이상 입력하세요.`,
    submit: '계정 만들기',
    submitting: '계정을 만드는 중…',
  },
  admin: koAdmin,
  proposals: koProposals,
  editor: koEditor,
  comments: koComments,
  meetings: koMeetings,
  polls: koPolls,
  strategy: koStrategy,
  notifications: koNotifications,
  actionItems: koActionItems,
  search: koSearch,
  amendments: koAmendments,
};
