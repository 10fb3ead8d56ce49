import type { Role, SubcommitteeId } from '../../shared/domain';

/** Every demo account signs in with this password; it exists in demo mode only. */
export const DEMO_PASSWORD = 'forum-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  subcommittee: SubcommitteeId | null;
}

/** The demo cast. Later domains add their demo content in this folder, seeded from `seed()`. */
export const demoAccounts: DemoAccount[] = [
  { email: 'ministry@forum.demo', name: '이정민', role: 'ministry', subcommittee: null },
  { email: 'chair.investment@forum.demo', name: '박성호', role: 'chair', subcommittee: 'investment' },
  { email: 'chair.workforce@forum.demo', name: '김은영', role: 'chair', subcommittee: 'workforce' },
  { email: 'chair.productivity@forum.demo', name: '최민수', role: 'chair', subcommittee: 'productivity' },
  { email: 'chair.ecosystem@forum.demo', name: '정하늘', role: 'chair', subcommittee: 'ecosystem' },
  { email: 'chair.global@forum.demo', name: '윤서연', role: 'chair', subcommittee: 'global' },
  { email: 'chair.newbusiness@forum.demo', name: '한지훈', role: 'chair', subcommittee: 'newbusiness' },
  { email: 'minutes@forum.demo', name: '오수진', role: 'staff', subcommittee: null },
  { email: 'observer@forum.demo', name: '강도윤', role: 'observer', subcommittee: null },
];
