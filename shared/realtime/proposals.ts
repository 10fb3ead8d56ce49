/**
 * Socket.IO events of the proposals domain. Proposals change over HTTP; the server
 * tells every signed-in connection when one did, so an open page reloads it (a status
 * change locks or unlocks the text at once).
 */
export interface ProposalChanged {
  id: string;
  status: string;
}

export interface ProposalServerEvents {
  /** A proposal's status, title or summary changed. */
  'proposal:changed': (change: ProposalChanged) => void;
}
