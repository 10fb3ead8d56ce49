/** When and by whom an action item was marked done, as stored. */
export interface ActionItemDoneRecord {
  meetingId: string;
  itemId: string;
  doneAt: string;
  doneBy: string;
}

/** A reminder already sent, so that each is sent once: for this owner, and this due date. */
export interface ActionItemNoticeKey {
  meetingId: string;
  itemId: string;
  kind: 'overdue';
  ownerId: string;
  due: string;
}

/**
 * What is kept of action items beside the minutes: their done state (approved minutes are
 * sealed, yet their items still get done) and the reminders sent. Part of the meetings store.
 */
export interface ActionItemStore {
  /** Done states of the given meetings' items (every meeting's when omitted). */
  doneStates(meetingIds?: string[]): Promise<ActionItemDoneRecord[]>;
  /** Marks done (keeping the first time) or, with null, not done. */
  setDone(meetingId: string, itemId: string, done: { at: string; by: string } | null): Promise<void>;
  /** Meetings whose recorded action items (kept at approval) include one owned by this user: by index, not by scan. */
  meetingsWithItemsOf(ownerId: string): Promise<string[]>;
  /** Records a reminder; false when it was already recorded (sent before, or by another instance). */
  claimNotice(key: ActionItemNoticeKey, at: string): Promise<boolean>;
}
