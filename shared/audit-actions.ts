/**
 * Every action the audit log records, named `<domain>.<verb>`. The server's
 * `AuditLog.record` takes only these (a new command adds its action here), and
 * the audit page offers them as filters.
 */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'users.invite',
  'users.accept_invitation',
  'users.set_role',
  'proposals.create',
  'proposals.rename',
  'proposals.update',
  'proposals.status',
  'proposals.version',
  'proposals.restore',
  'meetings.create',
  'meetings.update',
  'meetings.start',
  'meetings.end',
  'meetings.agenda.add',
  'meetings.agenda.update',
  'meetings.agenda.remove',
  'meetings.agenda.reorder',
  'meetings.current_item',
  'meetings.floor',
  'meetings.hand',
  'meetings.check_in',
  'meetings.minutes_status',
  'polls.create',
  'polls.open',
  'polls.close',
  'polls.cancel',
  'polls.cast',
  'polls.change',
  'polls.delegate',
  'polls.revoke_delegation',
  'strategy.incorporate',
  'calendar.rotate',
  'calendar.revoke',
  'notifications.preferences',
  'users.revoke_invitation',
  'users.resend_invitation',
] as const;

export type AuditAction = (typeof auditActions)[number];
