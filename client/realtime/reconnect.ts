/**
 * After a connection comes (back) up: must a view fetch its state again?
 *
 * Socket.IO's connection state recovery gives a client that dropped for a moment its rooms
 * and every broadcast it missed, on whichever instance it reconnects to (the server keeps
 * them in the Redis stream; without Redis there is no recovery). Recovery "will not always be
 * successful": a first connection, an absence longer than the server's window, a Redis that
 * restarted empty, or more broadcasts meanwhile than the stream keeps. Then `recovered` is
 * false, what was missed is gone, and the view asks for its state again.
 *
 * Views fed only by broadcasts (a proposal's status, notifications) follow this rule. Room
 * views (a meeting, its polls) join again after every reconnect, recovered or not: the
 * meeting's state and presence are built by each instance for its own sockets and are not in
 * the stream, and the server starts the recovered connection's membership afresh.
 */
export function mustRefetch(socket: { recovered: boolean }): boolean {
  return !socket.recovered;
}
