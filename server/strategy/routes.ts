import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import type { Result } from '../../shared/result';
import { unwrap } from '../auth/routes';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { ProposalService } from '../proposals/proposal-service';
import type { StrategyService } from './strategy-service';

/** The strategy's HTTP face: its view with progress, and incorporation (answers the proposal as it is then). */
export function strategyRoutes(app: OpenAPIHono<AppEnv>, strategy: StrategyService, proposals: ProposalService): void {
  route(app, api.strategy, async (_, c) => ({ strategy: await strategy.view(requireUser(c).user) }));

  route(app, api.incorporate, async ({ params, body }, c) => {
    const { user } = requireUser(c);
    unwrap(await strategy.incorporate(user, params.id, body.note ?? null) as Result<true>);
    return { proposal: unwrap(await proposals.get(user, params.id)) };
  });
}
