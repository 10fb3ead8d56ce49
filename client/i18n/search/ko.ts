import type { SearchCatalogue } from './catalogue';

/** 검색 (용어: shared/GLOSSARY.md). */
export const koSearch: SearchCatalogue = {
  title: '검색',
  label: '제안·회의록·전략 검색',
  hint: '예: 세액공제',
  submit: '검색',
  intro: '제안의 제목과 본문, 회의록과 전략 문서의 본문에서 찾습니다.',
  searching: '찾는 중…',
  empty: (q) => `“${q}”이(가) 들어 있는 제안, 회의록, 전략 문서가 없습니다.`,
  count: (n, q) => `“${q}” 검색 결과 ${n}건`,
  kinds: { proposal: '제안', minutes: '회의록', strategy: '전략' },
  fields: { title: '제목', text: '본문' },
  matches: (n) => `${n}곳 일치`,
  changed: (time) => `최종 변경 ${time}`,
};
