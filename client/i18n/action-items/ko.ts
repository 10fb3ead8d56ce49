import type { ActionItemsCatalogue } from './catalogue';

export const koActionItems: ActionItemsCatalogue = {
  mine: {
    title: '내 후속 조치',
    empty: '나에게 배정된 후속 조치가 없습니다.',
    doneTitle: (count) => `완료한 후속 조치 ${count}건`,
    from: '회의',
  },
  overdue: '기한 지남',
  due: (day) => `기한: ${day}`,
  noDue: '기한 없음',
  doneOn: (day, name) => `${day} 완료${name ? ` (${name})` : ''}`,
  markDone: '완료',
  markNotDone: '완료 취소',
  doneLabel: (text) => `완료: ${text}`,
  form: {
    legend: '후속 조치 담당과 기한',
    owner: '담당',
    ownerNone: '담당 미정',
    ownerOther: '직접 입력 (외부 인사)',
    ownerName: '담당자 이름',
    due: '기한',
    apply: '적용',
    saved: '담당과 기한을 저장했습니다.',
  },
};
