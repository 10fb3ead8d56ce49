/**
 * How a bus message travels: its envelope as JSON text, then, when it carries bytes, a zero
 * byte and the bytes as they are. JSON text never holds a raw zero byte (control characters
 * in strings are escaped), so the first one ends the envelope. A frame without bytes is plain
 * JSON.
 *
 * Bytes cost their length once: base64 in JSON would add a third to every Yjs update, encode
 * it on the sender and decode it on every receiver.
 */
const END_OF_ENVELOPE = 0;

/** The envelope as a frame's start: its JSON text, and the zero byte when bytes follow. */
export function encodeEnvelope(envelope: object, bytesFollow = false): Buffer {
  const json = Buffer.from(JSON.stringify(envelope), 'utf8');
  return bytesFollow ? Buffer.concat([json, Uint8Array.of(END_OF_ENVELOPE)]) : json;
}

/** A frame of an envelope encoded with `bytesFollow` and the bytes. */
export function joinFrame(start: Uint8Array, data: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(start.byteLength + data.byteLength);
  frame.set(start);
  frame.set(data, start.byteLength);
  return frame;
}

/** The envelope's bytes and the message's bytes (none: `undefined`), views into `frame`, not copies. */
export function splitFrame(frame: Uint8Array): { envelope: Buffer; data: Uint8Array | undefined } {
  const all = Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const end = all.indexOf(END_OF_ENVELOPE);
  if (end === -1) return { envelope: all, data: undefined };
  // A plain Uint8Array, not a Buffer: Buffer's `slice` shares memory where Uint8Array's copies.
  return { envelope: all.subarray(0, end), data: new Uint8Array(all.buffer, all.byteOffset + end + 1, all.byteLength - end - 1) };
}

/** The envelope as JSON; null when it is not JSON. */
export function readEnvelope(envelope: Buffer): unknown {
  try {
    return JSON.parse(envelope.toString('utf8'));
  } catch {
    return null;
  }
}
