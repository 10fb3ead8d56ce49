import type { z } from 'zod';
import type { Role, SubcommitteeId, User } from '../../shared/domain';
import { can } from '../../shared/permissions';
import { err, ok, type Result } from '../../shared/result';
import type { AcceptInvitationBody, CreateInvitationBody, Invitation } from '../../shared/schemas/auth';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { hashToken, newId, newToken } from '../ids';
import type { Transactor, Tx } from '../store/store';
import { publicUser, type AuthStore, type InvitationRecord, type UserRecord } from './auth-store';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { HashingPool } from './hashing-pool';
import type { SignInLimits } from './sign-in-limits';
import type { Session, Sessions } from './sessions';

type InvitationView = z.infer<typeof Invitation>;

export interface SignedIn {
  user: User;
  token: string;
  session: Session;
}

const invitationView = ({ tokenHash: _, createdAt: __, ...view }: InvitationRecord): InvitationView => view;

export interface AuthServiceDeps {
  store: AuthStore;
  /** Account changes and their audit entries commit together. */
  db: Transactor;
  sessions: Sessions;
  audit: AuditLog;
  clock: Clock;
  signInLimits: SignInLimits;
  /** Every password hash and check goes through it: bounded, taking turns by address. */
  hashing: HashingPool;
  invitationTtlMs: number;
  /** Builds the link a person opens to accept an invitation. */
  invitationLink: (token: string) => string;
  /** Told when a user's role changes, so live connections are re-checked. */
  onUserChanged?: (userId: string) => void;
  /** Told when a session ends, so its live connections close. */
  onSessionEnded?: (sessionId: string, userId: string) => void;
  /** Inside the invitation's transaction: e-mails the one-time link when an address is given. */
  onInvited?: (tx: Tx, invitation: { email: string; name: string | null; role: Role; link: string; expiresAt: string }) => Promise<void>;
}

/** Accounts, sign-in, invitations and roles: the commands, free of HTTP. */
export class AuthService {
  constructor(private readonly d: AuthServiceDeps) {}

  /**
   * Same work and the same answer whether or not the account exists. The attempt counts
   * against the limits before the password is checked, so an attempt over a limit is
   * refused without hashing, and parallel attempts count exactly.
   */
  async login(email: string, password: string, address: string): Promise<Result<SignedIn>> {
    const attempt = await this.d.signInLimits.begin(email, address);
    if (!attempt.ok) {
      const minutes = Math.max(1, Math.ceil(attempt.retryAfterMs / 60_000));
      const refused = err('rate_limited', `Too many sign-in attempts. Try again in ${minutes} minute(s).`, 'auth.rate_limited');
      return { ok: false, error: { ...refused.error, retryAfterSeconds: Math.max(1, Math.ceil(attempt.retryAfterMs / 1000)) } };
    }
    const user = await this.d.store.userByEmail(email);
    const valid = await this.d.hashing.run(address, async () => verifyPassword(password, user?.passwordHash ?? (await decoyHash())));
    if (!user || !user.passwordHash || !valid) {
      await this.d.audit.record(user?.id ?? null, 'auth.login_failed', null, { email, address });
      return err('unauthenticated', 'The email or password is incorrect.', 'auth.invalid_credentials');
    }
    await attempt.succeeded();
    await this.d.audit.record(user.id, 'auth.login', `user:${user.id}`, { address });
    return ok(await this.signIn(user));
  }

  /** Password checks waiting for their turn (the tests watch the queue fill). */
  get hashingQueued(): number {
    return this.d.hashing.queued;
  }

  async logout(session: Pick<Session, 'id' | 'userId'>): Promise<void> {
    await this.d.sessions.end(session.id);
    this.d.onSessionEnded?.(session.id, session.userId);
    await this.d.audit.record(session.userId, 'auth.logout', `user:${session.userId}`);
  }

  /** The user behind a session token, or null when the token is unknown or expired. */
  async authenticate(token: string | undefined | null): Promise<{ user: User; session: Session } | null> {
    if (!token) return null;
    const session = await this.d.sessions.find(token);
    if (!session) return null;
    const user = await this.d.store.userById(session.userId);
    return user ? { user: publicUser(user), session } : null;
  }

  /**
   * Deletes an expired session's row, so that every instance refuses it from now on even if
   * its own clock is a little behind the one that saw it expire.
   */
  async expire(sessionId: string): Promise<void> {
    await this.d.sessions.end(sessionId);
  }

  /** The user behind a live session as they are now (role included), or null once it ended or expired. */
  async current(sessionId: string): Promise<User | null> {
    const session = await this.d.sessions.byId(sessionId);
    const user = session && (await this.d.store.userById(session.userId));
    return user ? publicUser(user) : null;
  }

  async createInvitation(
    actor: User,
    body: z.output<typeof CreateInvitationBody>,
  ): Promise<Result<{ invitation: InvitationView; link: string }>> {
    if (!can(actor, { type: 'users.invite' })) return err('forbidden', 'Only ministry staff can invite people.', 'role.ministry_only');
    if (await this.d.store.userByEmail(body.email)) return err('conflict', `${body.email} already has an account.`, 'invitation.email_taken');
    return ok(await this.invite({ ...body, name: body.name ?? null }, actor.id));
  }

  /** Creates a one-time link; used by ministry staff and by first start (actor null). */
  async invite(
    who: { email: string; name: string | null; role: Role; subcommittee: SubcommitteeId | null },
    actorId: string | null,
  ): Promise<{ invitation: InvitationView; link: string }> {
    const token = newToken();
    const now = this.d.clock.now();
    const record: InvitationRecord = {
      id: newId(),
      tokenHash: hashToken(token),
      ...who,
      expiresAt: new Date(now + this.d.invitationTtlMs).toISOString(),
      acceptedAt: null,
      createdBy: actorId,
      createdAt: new Date(now).toISOString(),
    };
    await this.d.db.transaction(async (tx) => {
      await tx.auth.createInvitation(record);
      const details = { email: who.email, role: who.role, subcommittee: who.subcommittee };
      await this.d.audit.in(tx).record(actorId, 'users.invite', `invitation:${record.id}`, details);
      await this.d.onInvited?.(tx, { email: who.email, name: who.name, role: who.role, link: this.d.invitationLink(token), expiresAt: record.expiresAt });
    });
    return { invitation: invitationView(record), link: this.d.invitationLink(token) };
  }

  /** Ministry staff: invitations not yet accepted nor expired (who, role, when it expires). */
  async pendingInvitations(actor: User): Promise<Result<InvitationView[]>> {
    if (!can(actor, { type: 'users.invite' })) return err('forbidden', 'Only ministry staff can see invitations.', 'role.ministry_only');
    return ok((await this.d.store.pendingInvitations(new Date(this.d.clock.now()).toISOString())).map(invitationView));
  }

  /** Ends a pending invitation: its link answers "expired" from now on. */
  async revokeInvitation(actor: User, id: string): Promise<Result<true>> {
    if (!can(actor, { type: 'users.invite' })) return err('forbidden', 'Only ministry staff can revoke invitations.', 'role.ministry_only');
    const now = new Date(this.d.clock.now()).toISOString();
    const revoked = await this.d.db.transaction(async (tx) => {
      if (!(await tx.auth.revokeInvitation(id, now))) return false;
      await this.d.audit.in(tx).record(actor.id, 'users.revoke_invitation', `invitation:${id}`, {});
      return true;
    });
    return revoked ? ok(true) : err('not_found', 'No pending invitation with this id.', 'invitation.missing');
  }

  /** A new one-time link with a fresh expiry, e-mailed again when e-mail is on; the old link stops working. */
  async resendInvitation(actor: User, id: string): Promise<Result<{ invitation: InvitationView; link: string }>> {
    if (!can(actor, { type: 'users.invite' })) return err('forbidden', 'Only ministry staff can resend invitations.', 'role.ministry_only');
    const token = newToken();
    const now = this.d.clock.now();
    const expiresAt = new Date(now + this.d.invitationTtlMs).toISOString();
    const link = this.d.invitationLink(token);
    const renewed = await this.d.db.transaction(async (tx) => {
      const record = await tx.auth.renewInvitation(id, hashToken(token), expiresAt, new Date(now).toISOString());
      if (!record) return null;
      await this.d.audit.in(tx).record(actor.id, 'users.resend_invitation', `invitation:${id}`, { expiresAt });
      await this.d.onInvited?.(tx, { email: record.email, name: record.name, role: record.role, link, expiresAt });
      return record;
    });
    return renewed ? ok({ invitation: invitationView(renewed), link }) : err('not_found', 'No pending invitation with this id.', 'invitation.missing');
  }

  async invitation(token: string): Promise<Result<InvitationView>> {
    const record = await this.d.store.invitationByTokenHash(hashToken(token));
    if (!record) return err('not_found', 'This invitation link is not valid.', 'invitation.invalid');
    if (record.acceptedAt) return err('conflict', 'This invitation has already been used.', 'invitation.used');
    if (record.expiresAt <= new Date(this.d.clock.now()).toISOString()) return err('conflict', 'This invitation has expired.', 'invitation.expired');
    return ok(invitationView(record));
  }

  async acceptInvitation(token: string, body: z.output<typeof AcceptInvitationBody>): Promise<Result<SignedIn>> {
    const found = await this.invitation(token);
    if (!found.ok) return found;
    const inv = found.value;
    const email = inv.email || body.email;
    if (!email) return err('invalid_input', 'Enter the email address for your account.', 'invitation.email_required');
    const now = new Date(this.d.clock.now()).toISOString();
    const user = {
      id: newId(),
      email,
      name: body.name,
      role: inv.role,
      subcommittee: inv.subcommittee,
      passwordHash: await this.d.hashing.run('invitation', () => hashPassword(body.password)),
      createdAt: now,
    };
    const { outcome, user: created } = await this.d.db.transaction(async (tx) => {
      const accepted = await tx.auth.acceptInvitation(hashToken(token), user, now);
      if (accepted.user) await this.d.audit.in(tx).record(accepted.user.id, 'users.accept_invitation', `user:${accepted.user.id}`, { invitation: inv.id });
      return accepted;
    });
    switch (outcome) {
      case 'accepted':
        return ok(await this.signIn(created!));
      case 'unknown':
        return err('not_found', 'This invitation link is not valid.', 'invitation.invalid');
      case 'used':
        return err('conflict', 'This invitation has already been used.', 'invitation.used');
      case 'expired':
        return err('conflict', 'This invitation has expired.', 'invitation.expired');
      case 'email_taken':
        return err('conflict', `${email} already has an account.`, 'invitation.email_taken');
    }
  }

  async listUsers(): Promise<User[]> {
    return this.d.store.listUsers();
  }

  async setRole(actor: User, userId: string, role: Role, subcommittee: SubcommitteeId | null): Promise<Result<User>> {
    if (!can(actor, { type: 'users.setRole' })) return err('forbidden', 'Only ministry staff can change roles.', 'role.ministry_only');
    if (userId === actor.id && role !== 'ministry') return err('conflict', 'You cannot remove your own ministry role.', 'users.own_ministry_role');
    const before = await this.d.store.userById(userId);
    if (!before) return err('not_found', 'No such user.', 'missing.user');
    const after = await this.d.db.transaction(async (tx) => {
      const changed = await tx.auth.setRole(userId, role, subcommittee);
      if (!changed) return null;
      await this.d.audit.in(tx).record(actor.id, 'users.set_role', `user:${userId}`, {
        from: { role: before.role, subcommittee: before.subcommittee },
        to: { role, subcommittee },
      });
      return changed;
    });
    if (!after) return err('not_found', 'No such user.', 'missing.user');
    this.d.onUserChanged?.(userId);
    return ok(publicUser(after));
  }

  private async signIn(user: UserRecord): Promise<SignedIn> {
    const { token, session } = await this.d.sessions.create(user.id);
    return { user: publicUser(user), token, session };
  }
}
