/** The durable side of calendar subscriptions: one token per person, kept as a hash. */
export interface CalendarStore {
  /** Whose subscription this token hash opens, if any. */
  ownerOf(tokenHash: string): Promise<string | null>;
  /** When the person's current link was made, or null when they have none. */
  tokenCreatedAt(userId: string): Promise<string | null>;
  /** Replaces the person's link (the old one stops working at once). */
  setToken(userId: string, tokenHash: string, at: string): Promise<void>;
  /** False when there was no link to revoke. */
  revoke(userId: string): Promise<boolean>;
}
