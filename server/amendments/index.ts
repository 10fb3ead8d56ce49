export { AmendmentService, type AmendmentServiceDeps } from './amendment-service';
export type { AmendmentStore } from './amendment-store';
export { amendmentRoutes } from './routes';
