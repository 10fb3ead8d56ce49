import type { StrategyCatalogue } from './catalogue';

export const koStrategy: StrategyCatalogue = {
  title: '산업대전환 전략',
  intro: '여섯 분과가 채택한 제안을 모아 상반기 중 산업대전환 전략으로 정리합니다. 산업부 담당자가 작성하고, 분과위원장은 의견을 남깁니다.',
  due: (daysLeft, dueOn) => `${daysLeft >= 0 ? `D-${daysLeft}` : `D+${-daysLeft}`} · ${dueOn}까지`,
  tabs: { document: '전략 문서', progress: '진행 현황' },
  tools: '의견, 버전',
  editorLabel: '산업대전환 전략 본문',
  readOnly: '읽기 전용입니다. 전략 문서는 산업부 담당자가 작성합니다.',
  commentOnly: '분과위원장은 본문을 선택해 의견을 남길 수 있습니다. 본문은 산업부 담당자가 작성합니다.',
  progress: {
    caption: '분과별 제안 현황',
    subcommittee: '분과',
    pending: '채택되었으나 아직 전략에 반영되지 않은 제안',
    nonePending: '반영을 기다리는 채택 제안이 없습니다.',
    incorporate: '전략에 반영',
    incorporating: '반영하는 중…',
    incorporated: (title) => `‘${title}’을(를) 전략에 반영했습니다.`,
    confirm: (title) => `‘${title}’의 채택 당시 본문을 해당 분과의 장에 출처와 함께 넣고, 상태를 ‘전략 반영’으로 바꿉니다. 계속할까요?`,
    total: '합계',
  },
  inStrategy: '전략 문서에서 보기',
  exports: {
    label: '내보내기',
    draftNote: '확정 전 회의록은 ‘초안’으로 표시되어 내보내집니다.',
    preparing: '파일을 만드는 중…',
    progress: (percent) => `내려받는 중… ${percent}%`,
    received: (kb) => `내려받는 중… ${kb} KB`,
    failed: '내보내기에 실패했습니다.',
    formats: { pdf: 'PDF', docx: 'Word (DOCX)', hwpx: '한글 (HWPX)', md: 'Markdown' },
    print: '인쇄',
  },
};
