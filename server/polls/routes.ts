import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { rawRoutes } from '../../shared/permissions/doors';
import { Id } from '../../shared/schemas/common';
import type { AuthStore } from '../auth/auth-store';
import type { AppEnv } from '../http/env';
import { httpError, unwrap } from '../http/errors';
import { rawRoute, route } from '../http/route';
import { requireUser } from '../http/session';
import { pollCsv } from './csv';
import { seoulToday } from '../../shared/domain';
import { contentDisposition, exportFileName } from '../http/download';
import type { Delegations } from './delegations';
import type { PollService } from './poll-service';
import type { PollStore } from './poll-store';

/** HTTP side of votes: reading polls and results, preparing drafts, delegations, CSV. */
export function pollRoutes(
  app: OpenAPIHono<AppEnv>,
  d: {
    service: PollService;
    delegations: Delegations;
    store: PollStore;
    users: Pick<AuthStore, 'listUsers'>;
    /** The meeting's title and start, for the CSV's header block. */
    meeting?(id: string): Promise<{ title: string; startsAt: string } | null>;
  },
): void {
  route(app, api.meetingPolls, async ({ params }, c) => {
    const { user } = requireUser(c);
    if (!(await d.service.meetingExists(params.id))) throw httpError('not_found', 'No such meeting.', 'missing.meeting');
    return { polls: (await d.service.forMeeting(user, params.id)).map((p) => p.poll) };
  });

  route(app, api.createPoll, async ({ params, body }, c) => unwrap(await d.service.create(requireUser(c).user, params.id, body)));

  route(app, api.poll, async ({ params }, c) => unwrap(await d.service.get(requireUser(c).user, params.id)));

  route(app, api.proposalPolls, async ({ params }, c) => ({ polls: await d.service.forProposal(requireUser(c).user, params.id) }));

  route(app, api.delegations, async ({ params }, c) => {
    requireUser(c);
    return { delegations: unwrap(await d.delegations.list(params.id)) };
  });

  route(app, api.createDelegation, async ({ params, body }, c) => ({
    delegation: unwrap(await d.delegations.grant(requireUser(c).user, params.id, body)),
  }));

  route(app, api.revokeDelegation, async ({ params }, c) => {
    unwrap(await d.delegations.revoke(requireUser(c).user, params.id, params.fromUserId));
    return { ok: true as const };
  });

  // CSV is not JSON, so it sits beside the shared endpoints.
  rawRoute(app, rawRoutes.pollCsv, async (c) => {
    const id = Id.safeParse((c.req.param('id') ?? ''));
    const poll = id.success ? await d.store.poll(id.data) : null;
    if (!poll) throw httpError('not_found', 'No such poll.', 'missing.poll');
    if (poll.status !== 'closed') throw httpError('conflict', 'Ballots are exported once the poll is closed.', 'poll.export_open');
    const users = new Map((await d.users.listUsers()).map((u) => [u.id, u]));
    const csv = pollCsv(poll, await d.store.ballots(poll.id), poll.result!.counts, users, (await d.meeting?.(poll.meetingId)) ?? null);
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(exportFileName(`표결 결과 ${poll.title}`, seoulToday(new Date(poll.closedAt ?? poll.createdAt)), 'csv')),
    });
  });
}
