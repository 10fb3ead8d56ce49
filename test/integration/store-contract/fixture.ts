/** What every contract test starts from: a forum, its subcommittees and a few accounts. */
import type { NewUser } from '../../../server/auth/auth-store';
import type { Store } from '../../../server/store/store';

export const T0 = '2026-12-01T09:00:00.000Z';
/** An ISO time `minutes` after T0. */
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const people = {
  ministry: { id: 'u-ministry', email: 'ministry@test.kr', name: '장관실', role: 'ministry', subcommittee: null },
  chair: { id: 'u-chair', email: 'chair@test.kr', name: '김위원', role: 'chair', subcommittee: 'investment' },
  chair2: { id: 'u-chair2', email: 'chair2@test.kr', name: '이위원', role: 'chair', subcommittee: 'workforce' },
  staff: { id: 'u-staff', email: 'staff@test.kr', name: 'Staff Park', role: 'staff', subcommittee: null },
} as const;

export async function seed(store: Store): Promise<void> {
  await store.forum.initForum(
    { nameKo: '산업대전환 포럼', nameEn: 'Industrial Transformation Forum', startsOn: '2026-11-16', projectDays: 200, strategyDueOn: '2027-06-30' },
    [
      { id: 'investment', nameKo: '투자', nameEn: 'Investment' },
      { id: 'workforce', nameKo: '인력', nameEn: 'Workforce' },
    ],
  );
  let minute = 0;
  for (const p of Object.values(people)) {
    const user: NewUser = { ...p, passwordHash: null, createdAt: at(minute++) };
    await store.auth.createUser(user);
  }
}
