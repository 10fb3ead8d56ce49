import { endpoint } from './endpoint';
import {
  ChangeStatusBody,
  CreateProposalBody,
  CreateVersionBody,
  ProposalIdParams,
  ProposalListQuery,
  ProposalListResponse,
  ProposalResponse,
  ProposalVersionParams,
  RestoreResponse,
  UpdateProposalBody,
  VersionListResponse,
  VersionResponse,
  VersionStateResponse,
} from '../schemas/proposals';

/** HTTP endpoints of the proposals domain (see endpoint.ts). The text itself is the Yjs doc `proposal:<id>` on /yjs. */
export const proposalEndpoints = {
  listProposals: endpoint({
    method: 'get', path: '/api/proposals', tag: 'proposals', access: 'signed-in',
    summary: 'Proposals, most recently changed first; filter by subcommittee and status, search titles with q',
    query: ProposalListQuery, response: ProposalListResponse,
  }),
  createProposal: endpoint({
    method: 'post', path: '/api/proposals', tag: 'proposals', access: 'chair of the subcommittee, or ministry',
    summary: 'Create a draft proposal (a chair in their own subcommittee; ministry staff in any)',
    body: CreateProposalBody, response: ProposalResponse, status: 201,
  }),
  proposal: endpoint({
    method: 'get', path: '/api/proposals/{id}', tag: 'proposals', access: 'signed-in',
    summary: 'One proposal with its status history and what the caller may do with it',
    params: ProposalIdParams, response: ProposalResponse,
  }),
  updateProposal: endpoint({
    method: 'patch', path: '/api/proposals/{id}', tag: 'proposals', access: 'chair of the subcommittee (draft), or ministry',
    summary: 'Rename a proposal or change its summary',
    params: ProposalIdParams, body: UpdateProposalBody, response: ProposalResponse,
  }),
  changeProposalStatus: endpoint({
    method: 'post', path: '/api/proposals/{id}/status', tag: 'proposals', access: 'see the permissions table',
    summary: 'Move a proposal along its workflow; 409 names the moves allowed from its status',
    params: ProposalIdParams, body: ChangeStatusBody, response: ProposalResponse,
  }),
  proposalVersions: endpoint({
    method: 'get', path: '/api/proposals/{id}/versions', tag: 'proposals', access: 'signed-in',
    summary: 'Named snapshots of the text, newest first',
    params: ProposalIdParams, response: VersionListResponse,
  }),
  createProposalVersion: endpoint({
    method: 'post', path: '/api/proposals/{id}/versions', tag: 'proposals', access: 'writers of the draft',
    summary: 'Save the current text as a named version',
    params: ProposalIdParams, body: CreateVersionBody, response: VersionResponse, status: 201,
  }),
  proposalVersion: endpoint({
    method: 'get', path: '/api/proposals/{id}/versions/{versionId}', tag: 'proposals', access: 'signed-in',
    summary: 'One version with its Yjs state (base64), to show read-only or compare',
    params: ProposalVersionParams, response: VersionStateResponse,
  }),
  restoreProposalVersion: endpoint({
    method: 'post', path: '/api/proposals/{id}/versions/{versionId}/restore', tag: 'proposals', access: 'writers of the draft',
    summary: 'Make the live text equal to a version, as a new edit; the text before is saved as a version first',
    params: ProposalVersionParams, response: RestoreResponse,
  }),
} as const;
