import { endpoint } from './endpoint';
import {
  CreateDelegationBody,
  CreatePollBody,
  DelegationParams,
  DelegationResponse,
  DelegationsResponse,
  MeetingIdParams,
  PollIdParams,
  PollResponse,
  PollsResponse,
} from '../schemas/polls';
import { OkResponse } from '../schemas/auth';

/**
 * HTTP endpoints of the polls domain. Opening, closing, cancelling and casting go
 * over Socket.IO (docs/realtime.md); `GET /api/polls/{id}/export.csv` sits beside
 * these because CSV is not JSON.
 */
export const pollEndpoints = {
  meetingPolls: endpoint({
    method: 'get', path: '/api/meetings/{id}/polls', tag: 'polls', access: 'signed-in',
    summary: "A meeting's polls, oldest first, with the result of each closed one",
    params: MeetingIdParams, response: PollsResponse,
  }),
  createPoll: endpoint({
    method: 'post', path: '/api/meetings/{id}/polls', tag: 'polls', access: "ministry or the meeting's chair",
    summary: 'Prepare a poll (a draft) in a meeting; open it with the poll:open event',
    params: MeetingIdParams, body: CreatePollBody, response: PollResponse, status: 201,
  }),
  poll: endpoint({
    method: 'get', path: '/api/polls/{id}', tag: 'polls', access: 'signed-in',
    summary: 'One poll: counts as its visibility allows, the result once closed, and what the caller may do in it',
    params: PollIdParams, response: PollResponse,
  }),
  proposalPolls: endpoint({
    method: 'get', path: '/api/proposals/{id}/polls', tag: 'polls', access: 'signed-in',
    summary: 'The polls on a proposal, oldest first',
    params: PollIdParams, response: PollsResponse,
  }),
  delegations: endpoint({
    method: 'get', path: '/api/meetings/{id}/delegations', tag: 'polls', access: 'signed-in',
    summary: 'Who votes for whom in a meeting (proxies)',
    params: MeetingIdParams, response: DelegationsResponse,
  }),
  createDelegation: endpoint({
    method: 'post', path: '/api/meetings/{id}/delegations', tag: 'polls', access: 'the chairperson who delegates, or ministry',
    summary: "Delegate a chairperson's vote for a meeting to another participant, who then casts it separately, as 'for X'",
    params: MeetingIdParams, body: CreateDelegationBody, response: DelegationResponse, status: 201,
  }),
  revokeDelegation: endpoint({
    method: 'delete', path: '/api/meetings/{id}/delegations/{fromUserId}', tag: 'polls', access: 'the chairperson who delegated, or ministry',
    summary: 'Withdraw a delegation; ballots already cast stay',
    params: DelegationParams, response: OkResponse,
  }),
} as const;
