import { endpoint } from './endpoint';
import {
  NotificationIdParams,
  NotificationsQuery,
  NotificationsResponse,
  PreferencesBody,
  PreferencesResponse,
  UnreadResponse,
} from '../schemas/notifications';

/** In-app notifications: each person reads and marks only their own; new ones arrive over Socket.IO too. */
export const notificationEndpoints = {
  notifications: endpoint({
    method: 'get', path: '/api/notifications', tag: 'notifications', access: 'signed-in (own only)',
    summary: 'My notifications, newest first, and how many are unread',
    query: NotificationsQuery, response: NotificationsResponse,
  }),
  markNotificationRead: endpoint({
    method: 'post', path: '/api/notifications/{id}/read', tag: 'notifications', access: 'signed-in (own only)',
    summary: 'Mark one of my notifications read',
    params: NotificationIdParams, response: UnreadResponse,
  }),
  markAllNotificationsRead: endpoint({
    method: 'post', path: '/api/notifications/read-all', tag: 'notifications', access: 'signed-in (own only)',
    summary: 'Mark all my notifications read',
    response: UnreadResponse,
  }),
  notificationPreferences: endpoint({
    method: 'get', path: '/api/notifications/preferences', tag: 'notifications', access: 'signed-in (own only)',
    summary: 'How I hear of each kind of event, and the language of my e-mails',
    response: PreferencesResponse,
  }),
  setNotificationPreferences: endpoint({
    method: 'put', path: '/api/notifications/preferences', tag: 'notifications', access: 'signed-in (own only)',
    summary: 'Choose per kind: in the app only, in the app and by e-mail, or off; and the e-mail language',
    body: PreferencesBody, response: PreferencesResponse,
  }),
} as const;
