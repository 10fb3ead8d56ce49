import { z } from 'zod';
import { Id, IsoDate, line } from './common';

/** Who owns an action item: a user of the forum, or a name typed for someone outside it. */
export const ActionItemOwner = z.union([z.strictObject({ userId: Id }), z.strictObject({ name: line(80) })]);
export type ActionItemOwner = z.infer<typeof ActionItemOwner>;

/** Set an action item's owner and due date; null clears one. */
export const AssignActionItemBody = z.strictObject({
  owner: ActionItemOwner.nullable(),
  due: IsoDate.nullable(),
});
export const ActionItemDoneBody = z.strictObject({ done: z.boolean() });
export const ActionItemParams = z.object({ id: Id, itemId: Id });

/** When and by whom an action item was marked done. */
export const ActionItemDone = z.object({ at: z.string(), by: z.object({ id: Id, name: z.string() }) });
export type ActionItemDone = z.infer<typeof ActionItemDone>;

/** An action item of a meeting's minutes with its state: done or not, overdue or not. */
export const ActionItem = z.object({
  meetingId: Id,
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
  id: Id,
  text: z.string(),
  owner: z.string().nullable(),
  ownerId: Id.nullable(),
  due: IsoDate.nullable(),
  section: z.string().nullable(),
  done: ActionItemDone.nullable(),
  /** Past its due date (Korean calendar day) and not done. */
  overdue: z.boolean(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const ActionItemsResponse = z.object({ items: z.array(ActionItem) });
export const ActionItemResponse = z.object({ item: ActionItem });
