import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { daysUntil, projectEndsOn, seoulToday } from '../../shared/domain';
import type { Clock } from '../clock';
import type { AppEnv } from '../http/env';
import { httpError } from '../http/errors';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { Store } from '../store/store';

export function forumRoutes(app: OpenAPIHono<AppEnv>, store: Store, clock: Clock): void {
  route(app, api.forum, async (_, c) => {
    requireUser(c);
    const forum = await store.forum.forum();
    if (!forum) throw httpError('not_found', 'The forum has not been set up yet.', 'missing.forum');
    const today = seoulToday(new Date(clock.now()));
    return {
      forum,
      subcommittees: await store.forum.subcommittees(),
      today,
      projectDay: daysUntil(today, forum.startsOn) + 1,
      projectDaysLeft: daysUntil(projectEndsOn(forum), today),
      strategyDaysLeft: daysUntil(forum.strategyDueOn, today),
    };
  });
}
