import type { NotificationsCatalogue } from './catalogue';

/** 알림·메일·캘린더의 한국어 문구. */
export const koNotifications: NotificationsCatalogue = {
  bell: {
    // the count stands alone so that the name holds the visible number (WCAG 2.5.3)
    label: (n) => (n > 0 ? `알림, 읽지 않음 ${n}` : '알림'),
    title: '알림',
    empty: '새 알림이 없습니다.',
    markRead: '읽음',
    markAllRead: '모두 읽음',
    open: '열기',
    preferences: '알림 설정',
  },
  kinds: {
    meeting_scheduled: '회의 일정 등록',
    meeting_moved: '회의 일정 변경',
    meeting_cancelled: '회의 취소',
    poll_opened: '표결 개시',
    minutes_circulated: '회의록 회람',
    minutes_approved: '회의록 확정',
    comment: '내 제안의 의견·답글, 나를 언급한 의견',
    proposal_moved: '소위원회 제안의 표결 결과',
    action_item: '나에게 배정된 후속 조치',
  },
  choices: { in_app: '앱 안에서만', in_app_and_email: '앱과 이메일', off: '받지 않음' },
  preferences: {
    title: '알림 설정',
    intro: '알림 종류마다 받는 방법을 고르세요.',
    kind: '알림 종류',
    language: '이메일 언어',
    saved: '저장했습니다.',
    save: '저장',
  },
  calendar: {
    add: '캘린더에 추가',
    subscribe: '내 회의 캘린더 구독',
    subscribeIntro: '이 비공개 주소를 캘린더 앱에 구독으로 추가하면 내 회의가 자동으로 반영됩니다. 주소는 한 번만 표시됩니다.',
    none: '아직 구독 주소가 없습니다.',
    since: (date) => `${date}에 만든 주소가 사용 중입니다.`,
    make: '구독 주소 만들기',
    rotate: '새 주소로 바꾸기',
    revoke: '주소 폐기',
    copyHint: '지금 복사해 두세요. 다시 표시되지 않습니다.',
    revoked: '구독 주소를 폐기했습니다.',
  },
  mail: {
    off: '이메일 발송이 꺼져 있습니다 (SMTP_URL 미설정).',
    on: '이메일 발송이 켜져 있습니다.',
    failures: (n) => `발송 실패 ${n}건`,
    pending: (n) => `발송 대기 ${n}건`,
  },
  invitations: {
    title: '대기 중인 초대',
    none: '대기 중인 초대가 없습니다.',
    who: '초대받은 사람',
    role: '역할',
    expires: '만료',
    revoke: '초대 취소',
    resend: '다시 보내기',
    resent: '새 초대 링크를 만들었습니다.',
    confirmRevoke: (email) => `${email} 초대를 취소할까요?`,
  },
};
