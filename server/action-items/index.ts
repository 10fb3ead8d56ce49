export { ActionItemService, type ActionItemAnnouncement, type ActionItemServiceDeps } from './action-item-service';
export type { ActionItemStore } from './action-item-store';
export { OverdueReminders } from './reminders';
export { actionItemRoutes } from './routes';
