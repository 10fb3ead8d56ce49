import type { Actor } from './index';

export type CoreAction =
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
    case 'users.list':
    case 'forum.read':
      return true;
    default: {
      const unknown: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unknown)}`);
    }
  }
}
