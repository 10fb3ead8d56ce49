/** Limits shared by server checks and client-side hints. */
export const limits = {
  /** Largest JSON body the HTTP API accepts. */
  httpBodyBytes: 64 * 1024,
  /** Largest Socket.IO payload. */
  socketPayloadBytes: 64 * 1024,
  /** Largest single y-websocket message. */
  yjsMessageBytes: 1024 * 1024,
  /** Largest encoded Yjs document. */
  yjsDocumentBytes: 8 * 1024 * 1024,
  /** Largest awareness state a writer may publish. */
  awarenessBytes: 4 * 1024,
  nameChars: 80,
  titleChars: 200,
  emailChars: 254,
  passwordMinChars: 10,
  passwordMaxChars: 200,
} as const;
