import { endpoint } from './endpoint';
import { ProposalResponse } from '../schemas/proposals';
import { IncorporateBody, IncorporateParams, StrategyResponse } from '../schemas/strategy';

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
} as const;
