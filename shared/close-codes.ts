/**
 * WebSocket close codes for /yjs connections (4000–4999 is the application range).
 * The close reason carries a human-readable message.
 */
export const CloseCode = {
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  messageTooLarge: 4413,
  documentTooLarge: 4414,
  invalidMessage: 4400,
  permissionsChanged: 4409,
  /** An update that decoded but would not apply (Yjs threw): refused whole, nothing stored. The client's copy holds it, so it gives the copy up. */
  notApplicable: 4422,
  /** The user signed out somewhere: reconnect, and sign in again if this session was the one (4500s: try again). */
  reauthenticate: 4501,
  serverShutdown: 1001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
