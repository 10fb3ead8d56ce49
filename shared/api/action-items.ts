import { endpoint } from './endpoint';
import { ActionItemDoneBody, ActionItemParams, ActionItemResponse, ActionItemsResponse, AssignActionItemBody } from '../schemas/action-items';
import { MeetingIdParams } from '../schemas/meetings';

/** HTTP endpoints of action items ("후속 조치"): the blocks of the minutes, with owner, due date and done state. */
export const actionItemEndpoints = {
  myActionItems: endpoint({
    method: 'get', path: '/api/action-items/mine', tag: 'meetings', access: 'signed-in',
    summary: 'Action items whose owner is the signed-in person, across meetings: open ones first (overdue on top), then done',
    response: ActionItemsResponse,
  }),
  meetingActionItems: endpoint({
    method: 'get', path: '/api/meetings/{id}/action-items', tag: 'meetings', access: 'signed-in',
    summary: "A meeting's action items as its minutes hold them now, with their done state",
    params: MeetingIdParams, response: ActionItemsResponse,
  }),
  assignActionItem: endpoint({
    method: 'put', path: '/api/meetings/{id}/action-items/{itemId}', tag: 'meetings', access: 'who writes the minutes (ministry staff, minute-takers; draft minutes)',
    summary: 'Set the owner (a user, or a name for an outsider) and due date of an action item; written into the minutes; a new owner is notified',
    params: ActionItemParams, body: AssignActionItemBody, response: ActionItemResponse,
  }),
  actionItemDone: endpoint({
    method: 'post', path: '/api/meetings/{id}/action-items/{itemId}/done', tag: 'meetings', access: "the owner, ministry staff, minute-takers",
    summary: 'Mark an action item done or not done (kept beside the minutes: approved minutes stay sealed)',
    params: ActionItemParams, body: ActionItemDoneBody, response: ActionItemResponse,
  }),
} as const;
