import { z } from 'zod';
import { endpoint } from './endpoint';
import {
  AcceptInvitationBody,
  CreateInvitationBody,
  CreateInvitationResponse,
  InvitationResponse,
  InvitationTokenParams,
  LoginBody,
  MeResponse,
  OkResponse,
  RoleAssignment,
  SessionResponse,
  UserIdParams,
  UsersResponse,
} from '../schemas/auth';
import { ForumResponse, HealthResponse } from '../schemas/forum';
import { AuditQuery, AuditResponse } from '../schemas/audit';
import { QuarantineResponse } from '../schemas/documents';
import { User } from '../schemas/common';
import { OnlineResponse } from '../schemas/presence';
import { proposalEndpoints } from './proposals';
import { meetingEndpoints } from './meetings';
import { pollEndpoints } from './polls';
import { strategyEndpoints } from './strategy';
import { calendarEndpoints } from './calendar';
import { notificationEndpoints } from './notifications';
import { mailEndpoints } from './mail';
import { invitationEndpoints } from './invitations';
import { actionItemEndpoints } from './action-items';
import { amendmentEndpoints } from './amendments';
import { searchEndpoints } from './search';

/** The foundation's endpoints: system, auth, forum, presence, audit. */
export const coreEndpoints = {
  health: endpoint({
    method: 'get', path: '/api/health', tag: 'system', access: 'public',
    summary: 'Liveness and the state of the store and the ephemeral state',
    response: HealthResponse,
  }),
  login: endpoint({
    method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public',
    summary: 'Sign in with email and password; sets the session cookie and returns a bearer token',
    body: LoginBody, response: SessionResponse,
  }),
  logout: endpoint({
    method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'signed-in',
    summary: 'End the current session', response: OkResponse,
  }),
  me: endpoint({
    method: 'get', path: '/api/auth/me', tag: 'auth', access: 'signed-in',
    summary: 'The signed-in user', response: MeResponse,
  }),
  invitation: endpoint({
    method: 'get', path: '/api/invitations/{token}', tag: 'auth', access: 'public',
    summary: 'An open invitation, to show before accepting it',
    params: InvitationTokenParams, response: InvitationResponse,
  }),
  acceptInvitation: endpoint({
    method: 'post', path: '/api/invitations/{token}/accept', tag: 'auth', access: 'public',
    summary: 'Accept a one-time invitation: creates the account and signs in',
    params: InvitationTokenParams, body: AcceptInvitationBody, response: SessionResponse, status: 201,
  }),
  createInvitation: endpoint({
    method: 'post', path: '/api/invitations', tag: 'auth', access: 'ministry',
    summary: 'Invite a person with a role; returns the one-time link',
    body: CreateInvitationBody, response: CreateInvitationResponse, status: 201,
  }),
  users: endpoint({
    method: 'get', path: '/api/users', tag: 'auth', access: 'signed-in',
    summary: 'Everyone with an account', response: UsersResponse,
  }),
  setRole: endpoint({
    method: 'put', path: '/api/users/{id}/role', tag: 'auth', access: 'ministry',
    summary: "Change a user's role (and subcommittee for chairs)",
    params: UserIdParams, body: RoleAssignment, response: z.object({ user: User }),
  }),
  forum: endpoint({
    method: 'get', path: '/api/forum', tag: 'forum', access: 'signed-in',
    summary: 'The forum, its subcommittees and chairpersons, and the days left',
    response: ForumResponse,
  }),
  online: endpoint({
    method: 'get', path: '/api/presence', tag: 'presence', access: 'signed-in',
    summary: 'Who is online now', response: OnlineResponse,
  }),
  audit: endpoint({
    method: 'get', path: '/api/audit', tag: 'audit', access: 'ministry',
    summary: 'The audit log, newest first, filtered; /api/audit.csv gives the same as CSV',
    query: AuditQuery, response: AuditResponse,
  }),
  quarantine: endpoint({
    method: 'get', path: '/api/documents/quarantine', tag: 'documents', access: 'ministry',
    summary: 'Document updates that would not apply when their document was loaded, moved out of its log (newest 1000)',
    response: QuarantineResponse,
  }),
} as const;

/** Every JSON endpoint of the HTTP API; each domain keeps its own in shared/api/<domain>.ts. */
export const api = {
  ...coreEndpoints,
  ...proposalEndpoints,
  ...strategyEndpoints,
  ...meetingEndpoints,
  ...pollEndpoints,
  ...calendarEndpoints,
  ...notificationEndpoints,
  ...mailEndpoints,
  ...invitationEndpoints,
  ...actionItemEndpoints,
  ...amendmentEndpoints,
  ...searchEndpoints,
} as const;
