import type { Actor } from './index';

export type CoreAction =
  /** One's own account and what hangs off it: sign out, one's notifications, calendar link. */
  | { type: 'account.own' }
  | { type: 'users.invite' }
  | { type: 'users.setRole' }
  | { type: 'users.list' }
  | { type: 'audit.read' }
  | { type: 'forum.read' };

export function coreRule(actor: Actor, action: CoreAction): boolean {
  switch (action.type) {
    case 'users.invite':
    case 'users.setRole':
    case 'audit.read':
      return actor.role === 'ministry';
    case 'account.own':
    case 'users.list':
    case 'forum.read':
      return true;
    default: {
      const unknown: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unknown)}`);
    }
  }
}
