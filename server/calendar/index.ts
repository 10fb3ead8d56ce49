export { CalendarService } from './calendar-service';
export { calendarRoutes } from './routes';
export { senderAddress } from './sender';
