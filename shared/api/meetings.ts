import { endpoint } from './endpoint';
import {
  AgendaItemInput,
  AgendaItemParams,
  AgendaItemPatch,
  AgendaItemResponse,
  AgendaResponse,
  CreateMeetingBody,
  DecisionsResponse,
  MeetingDetailResponse,
  MeetingIdParams,
  MeetingListQuery,
  MeetingPresenceResponse,
  MeetingResponse,
  MeetingsResponse,
  MinutesResponse,
  MinutesStatusBody,
  RecentDecisionsQuery,
  RecentDecisionsResponse,
  ReorderAgendaBody,
  UpdateMeetingBody,
} from '../schemas/meetings';

/** HTTP endpoints of the meetings domain (see endpoint.ts). Live actions go through Socket.IO (docs/realtime.md). */
export const meetingEndpoints = {
  meetings: endpoint({
    method: 'get', path: '/api/meetings', tag: 'meetings', access: 'signed-in',
    summary: 'Meetings, latest first, optionally by status',
    query: MeetingListQuery, response: MeetingsResponse,
  }),
  meeting: endpoint({
    method: 'get', path: '/api/meetings/{id}', tag: 'meetings', access: 'signed-in',
    summary: 'One meeting with its agenda, current item, minutes status and attendance',
    params: MeetingIdParams, response: MeetingDetailResponse,
  }),
  createMeeting: endpoint({
    method: 'post', path: '/api/meetings', tag: 'meetings', access: 'ministry',
    summary: 'Schedule a meeting (optionally with its agenda); creates its minutes from the template',
    body: CreateMeetingBody, response: MeetingResponse, status: 201,
  }),
  updateMeeting: endpoint({
    method: 'patch', path: '/api/meetings/{id}', tag: 'meetings', access: 'ministry',
    summary: "Change a meeting's title, time, place, online link or chair (not once ended)",
    params: MeetingIdParams, body: UpdateMeetingBody, response: MeetingResponse,
  }),
  startMeeting: endpoint({
    method: 'post', path: '/api/meetings/{id}/start', tag: 'meetings', access: "ministry or the meeting's chair",
    summary: 'Start a scheduled meeting (scheduled → live)',
    params: MeetingIdParams, response: MeetingResponse,
  }),
  endMeeting: endpoint({
    method: 'post', path: '/api/meetings/{id}/end', tag: 'meetings', access: "ministry or the meeting's chair",
    summary: 'End a live meeting (live → ended); records its decisions; the meeting becomes read-only',
    params: MeetingIdParams, response: MeetingResponse,
  }),
  cancelMeeting: endpoint({
    method: 'post', path: '/api/meetings/{id}/cancel', tag: 'meetings', access: 'ministry',
    summary: "Cancel a meeting that has not started (scheduled → cancelled); everyone it concerns is told, and calendars drop it (METHOD:CANCEL, same UID, higher SEQUENCE)",
    params: MeetingIdParams, response: MeetingResponse,
  }),
  addAgendaItem: endpoint({
    method: 'post', path: '/api/meetings/{id}/agenda', tag: 'meetings', access: 'ministry',
    summary: 'Add an agenda item at the end',
    params: MeetingIdParams, body: AgendaItemInput, response: AgendaItemResponse, status: 201,
  }),
  updateAgendaItem: endpoint({
    method: 'patch', path: '/api/meetings/{id}/agenda/{itemId}', tag: 'meetings', access: 'ministry',
    summary: 'Change an agenda item',
    params: AgendaItemParams, body: AgendaItemPatch, response: AgendaItemResponse,
  }),
  removeAgendaItem: endpoint({
    method: 'delete', path: '/api/meetings/{id}/agenda/{itemId}', tag: 'meetings', access: 'ministry',
    summary: 'Remove an agenda item',
    params: AgendaItemParams, response: AgendaResponse,
  }),
  reorderAgenda: endpoint({
    method: 'put', path: '/api/meetings/{id}/agenda/order', tag: 'meetings', access: 'ministry',
    summary: "Reorder the agenda: every item's id, in the new order",
    params: MeetingIdParams, body: ReorderAgendaBody, response: AgendaResponse,
  }),
  meetingPresence: endpoint({
    method: 'get', path: '/api/meetings/{id}/presence', tag: 'meetings', access: 'signed-in',
    summary: 'Everyone in the meeting room now, observers included',
    params: MeetingIdParams, response: MeetingPresenceResponse,
  }),
  meetingDecisions: endpoint({
    method: 'get', path: '/api/meetings/{id}/decisions', tag: 'meetings', access: 'signed-in',
    summary: "Decisions and action items, read from the meeting's minutes as they are now",
    params: MeetingIdParams, response: DecisionsResponse,
  }),
  recentDecisions: endpoint({
    method: 'get', path: '/api/decisions', tag: 'meetings', access: 'signed-in',
    summary: 'Recent decisions and action items across meetings (live and ended), for the home page',
    query: RecentDecisionsQuery, response: RecentDecisionsResponse,
  }),
  minutesStatus: endpoint({
    method: 'post', path: '/api/meetings/{id}/minutes/status', tag: 'meetings', access: 'ministry',
    summary: 'Move the minutes: draft → circulated → approved (locked, hashed), or circulated → draft',
    params: MeetingIdParams, body: MinutesStatusBody, response: MinutesResponse,
  }),
} as const;
