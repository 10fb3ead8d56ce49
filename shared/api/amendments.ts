import { endpoint } from './endpoint';
import { AmendmentDecisionBody, AmendmentDecisionResponse, AmendmentDecisionsResponse, AmendmentParams, OpenAmendmentsResponse } from '../schemas/amendments';
import { MeetingIdParams } from '../schemas/meetings';
import { ProposalIdParams } from '../schemas/proposals';

/** Amendments: a replacement text suggested in a comment on a submitted or discussed proposal. */
export const amendmentEndpoints = {
  amendments: endpoint({
    method: 'get', path: '/api/proposals/{id}/amendments', tag: 'proposals', access: 'signed-in',
    summary: "Decisions taken on the proposal's amendments (accepted or declined, by whom, when)",
    params: ProposalIdParams, response: AmendmentDecisionsResponse,
  }),
  decideAmendment: endpoint({
    method: 'post', path: '/api/proposals/{id}/amendments/{threadId}', tag: 'proposals', access: "the proposal's author or ministry staff",
    summary: 'Accept (applied as a new edit, the text saved as a version before) or decline the replacement text a comment suggests; once',
    params: AmendmentParams, body: AmendmentDecisionBody, response: AmendmentDecisionResponse,
  }),
  meetingOpenAmendments: endpoint({
    method: 'get', path: '/api/meetings/{id}/open-amendments', tag: 'meetings', access: 'signed-in',
    summary: "Amendments not yet accepted or declined (nor their comment resolved) on the proposals of the meeting's agenda: approving its minutes warns of them",
    params: MeetingIdParams, response: OpenAmendmentsResponse,
  }),
} as const;
