import { endpoint } from './endpoint';
import { CreateVersionBody, ProposalResponse, RestoreResponse, VersionListResponse, VersionResponse, VersionStateResponse } from '../schemas/proposals';
import { IncorporateBody, IncorporateParams, StrategyResponse, StrategyVersionParams } from '../schemas/strategy';

/** HTTP endpoints of the strategy. The text itself is the Yjs doc `strategy:<forumId>` on /yjs. */
export const strategyEndpoints = {
  strategy: endpoint({
    method: 'get', path: '/api/strategy', tag: 'strategy', access: 'signed-in',
    summary: 'The strategy document and its progress: proposals per subcommittee by status, days left, adopted but not yet incorporated',
    response: StrategyResponse,
  }),
  incorporate: endpoint({
    method: 'post', path: '/api/proposals/{id}/incorporate', tag: 'strategy', access: 'ministry',
    summary: "Insert an adopted proposal's text as adopted into its subcommittee's chapter, naming its source, and move it to incorporated",
    params: IncorporateParams, body: IncorporateBody, response: ProposalResponse,
  }),
  strategyVersions: endpoint({
    method: 'get', path: '/api/strategy/versions', tag: 'strategy', access: 'signed-in',
    summary: "Named snapshots of the strategy's text (one at each incorporation, and on request), newest first",
    response: VersionListResponse,
  }),
  createStrategyVersion: endpoint({
    method: 'post', path: '/api/strategy/versions', tag: 'strategy', access: 'ministry',
    summary: "Save the strategy's current text as a named version",
    body: CreateVersionBody, response: VersionResponse, status: 201,
  }),
  strategyVersion: endpoint({
    method: 'get', path: '/api/strategy/versions/{versionId}', tag: 'strategy', access: 'signed-in',
    summary: 'One version with its Yjs state (base64), to show read-only or compare',
    params: StrategyVersionParams, response: VersionStateResponse,
  }),
  restoreStrategyVersion: endpoint({
    method: 'post', path: '/api/strategy/versions/{versionId}/restore', tag: 'strategy', access: 'ministry',
    summary: "Make the strategy's live text equal to a version, as a new edit; the text before is saved as a version first",
    params: StrategyVersionParams, response: RestoreResponse,
  }),
} as const;
