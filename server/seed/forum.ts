import type { Config } from '../config';
import type { SubcommitteeSeed } from '../forum/forum-store';

/** The forum and its six subcommittees, created on first start (names from the glossary). */
export const subcommitteeSeeds: SubcommitteeSeed[] = [
  { id: 'investment', nameKo: '투자 분과', nameEn: 'Investment' },
  { id: 'workforce', nameKo: '인력 분과', nameEn: 'Workforce' },
  { id: 'productivity', nameKo: '생산성 분과', nameEn: 'Productivity' },
  { id: 'ecosystem', nameKo: '기업환경 분과', nameEn: 'Corporate Ecosystem' },
  { id: 'global', nameKo: '글로벌 전략 분과', nameEn: 'Global Strategy' },
  { id: 'newbusiness', nameKo: '신사업 분과', nameEn: 'New Business' },
];

export const forumSeed = (config: Config) => ({
  nameKo: '산업대전환 포럼',
  nameEn: 'Industrial Transformation Forum',
  startsOn: config.FORUM_STARTS_ON,
  projectDays: 200,
  strategyDueOn: config.STRATEGY_DUE_ON,
});
