import type { Actor } from './index';

/**
 * The strategy document, as proposals are ruled: ministry staff write it and
 * incorporate adopted proposals into it, everyone reads it (who comments: shared/permissions/comments.ts).
 */
export type StrategyAction =
  | { type: 'strategy.read' }
  | { type: 'strategy.write' }
  /** Insert an adopted proposal into its chapter and move it to `incorporated`. */
  | { type: 'strategy.incorporate' };

export function strategyRule(actor: Actor, action: StrategyAction): boolean {
  switch (action.type) {
    case 'strategy.read':
      return true;
    case 'strategy.write':
    case 'strategy.incorporate':
      return actor.role === 'ministry';
    default: {
      const unknown: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unknown)}`);
    }
  }
}
