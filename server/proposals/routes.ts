import type { OpenAPIHono } from '@hono/zod-openapi';
import { api } from '../../shared/api/endpoints';
import { unwrap } from '../http/errors';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
import { requireUser } from '../http/session';
import type { Proposals } from './index';

/** The HTTP face of proposals and their versions; every handler is one command. */
export function proposalRoutes(app: OpenAPIHono<AppEnv>, { service: proposals, versions }: Proposals): void {
  route(app, api.listProposals, async ({ query }, c) => {
    requireUser(c);
    return { proposals: await proposals.list(query) };
  });

  route(app, api.createProposal, async ({ body }, c) => ({ proposal: unwrap(await proposals.create(requireUser(c).user, body)) }));

  route(app, api.proposal, async ({ params }, c) => ({ proposal: unwrap(await proposals.get(requireUser(c).user, params.id)) }));

  route(app, api.updateProposal, async ({ params, body }, c) => ({
    proposal: unwrap(await proposals.update(requireUser(c).user, params.id, body)),
  }));

  route(app, api.changeProposalStatus, async ({ params, body }, c) => ({
    proposal: unwrap(await proposals.changeStatus(requireUser(c).user, params.id, body.to, body.note ?? null)),
  }));

  route(app, api.proposalVersions, async ({ params }, c) => {
    requireUser(c);
    return { versions: unwrap(await versions.list(params.id)) };
  });

  route(app, api.createProposalVersion, async ({ params, body }, c) => ({
    version: unwrap(await versions.create(requireUser(c).user, params.id, body.label)),
  }));

  route(app, api.proposalVersion, async ({ params }, c) => {
    requireUser(c);
    return { version: unwrap(await versions.fetch(params.id, params.versionId)) };
  });

  route(app, api.restoreProposalVersion, async ({ params }, c) =>
    unwrap(await versions.restore(requireUser(c).user, params.id, params.versionId)),
  );
}
