import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { Result } from '../../shared/result';
import { unwrap } from '../http/errors';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { ProposalService } from '../proposals/proposal-service';
import { FORUM_ID } from '../../shared/strategy';
import type { Strategy } from './index';

/** The strategy's HTTP face: its view with progress, incorporation (answers the proposal as it is then) and versions. */
export function strategyRoutes(app: OpenAPIHono<AppEnv>, { service: strategy, versions }: Strategy, proposals: ProposalService): void {
  route(app, api.strategy, async (_, c) => ({ strategy: await strategy.view(requireUser(c).user) }));

  route(app, api.incorporate, async ({ params, body }, c) => {
    const { user } = requireUser(c);
    unwrap(await strategy.incorporate(user, params.id, body.note ?? null) as Result<true>);
    return { proposal: unwrap(await proposals.get(user, params.id)) };
  });

  route(app, api.strategyVersions, async (_, c) => {
    requireUser(c);
    return { versions: unwrap(await versions.list(FORUM_ID)) };
  });

  route(app, api.createStrategyVersion, async ({ body }, c) => ({
    version: unwrap(await versions.create(requireUser(c).user, FORUM_ID, body.label)),
  }));

  route(app, api.strategyVersion, async ({ params }, c) => {
    requireUser(c);
    return { version: unwrap(await versions.fetch(FORUM_ID, params.versionId)) };
  });

  route(app, api.restoreStrategyVersion, async ({ params }, c) => unwrap(await versions.restore(requireUser(c).user, FORUM_ID, params.versionId)));
}
