import type { AmendmentsCatalogue } from './catalogue';

export const koAmendments: AmendmentsCatalogue = {
  field: '대체 문구 제안 (선택)',
  fieldHint: '선택한 부분을 이 문구로 바꾸자고 제안합니다. 제안 작성자나 사무국이 수락하면 본문에 반영됩니다.',
  label: '수정 제안',
  accept: '수락',
  decline: '거절',
  accepted: (name) => `${name} 수락 · 본문에 반영됨`,
  declined: (name) => `${name} 거절`,
  confirmAccept: '이 수정 제안을 본문에 반영할까요? 지금 본문은 먼저 버전으로 저장됩니다.',
};
