import { z } from 'zod';
import { endpoint } from './endpoint';
import { CreateInvitationResponse, Invitation, OkResponse } from '../schemas/auth';
import { Id } from '../schemas/common';

const InvitationIdParams = z.object({ id: Id });

/** Ministry staff follow up on invitations: who is still invited, revoke, resend. */
export const invitationEndpoints = {
  pendingInvitations: endpoint({
    method: 'get', path: '/api/invitations', tag: 'auth', access: 'ministry',
    summary: 'Invitations not yet accepted nor expired: who, role, when each expires',
    response: z.object({ invitations: z.array(Invitation) }),
  }),
  revokeInvitation: endpoint({
    method: 'delete', path: '/api/invitations/{id}', tag: 'auth', access: 'ministry',
    summary: 'Revoke a pending invitation: its link stops working',
    params: InvitationIdParams, response: OkResponse,
  }),
  resendInvitation: endpoint({
    method: 'post', path: '/api/invitations/{id}/resend', tag: 'auth', access: 'ministry',
    summary: 'A new one-time link with a fresh expiry (e-mailed when e-mail is on); the old link stops working',
    params: InvitationIdParams, response: CreateInvitationResponse,
  }),
} as const;
