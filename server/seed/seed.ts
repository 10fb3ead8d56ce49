import type { AuthService } from '../auth/auth-service';
import { hashPassword } from '../auth/passwords';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { newId } from '../ids';
import type { Store } from '../store/store';
import { DEMO_PASSWORD, demoAccounts } from './demo';
import { seedDemoMeetings } from './demo-meetings';
import { seedDemoProposals } from './demo-proposals';
import { forumSeed, subcommitteeSeeds } from './forum';

export interface SeedOutcome {
  /** A one-time link for the first ministry account, when none exists yet (never in demo mode). */
  setupLink: string | null;
  demoAccountsCreated: number;
}

/** Everything that first start and demo mode create, in one place. Safe to run on every start. */
export async function seed(store: Store, auth: AuthService, config: Config, clock: Clock): Promise<SeedOutcome> {
  await store.forum.initForum(forumSeed(config), subcommitteeSeeds);
  let created = 0;
  if (config.demo) {
    // Hashed once, and only when an account is missing: scrypt costs a fifth of a second per start.
    let hash: string | undefined;
    for (const account of demoAccounts) {
      if (await store.auth.userByEmail(account.email)) continue;
      hash ??= await hashPassword(DEMO_PASSWORD);
      await store.auth.createUser({ id: newId(), ...account, passwordHash: hash, createdAt: new Date(clock.now()).toISOString() });
      created++;
    }
    await seedDemoProposals(store, clock);
    await seedDemoMeetings(store, clock);
  }
  const hasMinistry = (await store.auth.listUsers()).some((u) => u.role === 'ministry');
  if (hasMinistry) return { setupLink: null, demoAccountsCreated: created };
  const { link } = await auth.invite({ email: '', name: null, role: 'ministry', subcommittee: null }, null);
  return { setupLink: link, demoAccountsCreated: created };
}
