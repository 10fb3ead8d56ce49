import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { AuthService } from './auth-service';
import { addressOf } from '../limits/http';
import type { AppEnv } from '../http/env';
import { httpError, unwrap } from '../http/errors';
import { route } from '../http/route';
import { clearSessionCookie, requireUser, setSessionCookie } from '../http/session';

export function authRoutes(app: OpenAPIHono<AppEnv>, auth: AuthService, secureCookies: boolean): void {
  route(app, api.login, async ({ body }, c) => {
    const address = addressOf(c);
    const result = await auth.login(body.email, body.password, address);
    if (!result.ok && result.error.code === 'rate_limited') c.header('Retry-After', String(result.error.retryAfterSeconds ?? 60));
    const { user, token, session } = unwrap(result);
    setSessionCookie(c, token, session, secureCookies);
    return { user, token };
  });

  route(app, api.logout, async (_, c) => {
    const { session } = requireUser(c);
    await auth.logout(session);
    clearSessionCookie(c);
    return { ok: true as const };
  });

  route(app, api.me, async (_, c) => ({ user: requireUser(c).user }));

  route(app, api.invitation, async ({ params }) => ({ invitation: unwrap(await auth.invitation(params.token)) }));

  route(app, api.acceptInvitation, async ({ params, body }, c) => {
    const { user, token, session } = unwrap(await auth.acceptInvitation(params.token, body));
    setSessionCookie(c, token, session, secureCookies);
    return { user, token };
  });

  route(app, api.pendingInvitations, async (_, c) => ({ invitations: unwrap(await auth.pendingInvitations(requireUser(c).user)) }));
  route(app, api.revokeInvitation, async ({ params }, c) => {
    unwrap(await auth.revokeInvitation(requireUser(c).user, params.id));
    return { ok: true as const };
  });
  route(app, api.resendInvitation, async ({ params }, c) => unwrap(await auth.resendInvitation(requireUser(c).user, params.id)));

  route(app, api.createInvitation, async ({ body }, c) => unwrap(await auth.createInvitation(requireUser(c).user, body)));

  route(app, api.users, async (_, c) => {
    requireUser(c);
    return { users: await auth.listUsers() };
  });

  route(app, api.setRole, async ({ params, body }, c) => {
    const { user } = requireUser(c);
    if (!body) throw httpError('invalid_input', 'A role is required.', 'input.role_required');
    return { user: unwrap(await auth.setRole(user, params.id, body.role, body.subcommittee)) };
  });
}
