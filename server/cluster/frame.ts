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

export function encodeFrame(envelope: object, data?: Uint8Array): Uint8Array {
  const json = Buffer.from(JSON.stringify(envelope), 'utf8');
  return data ? Buffer.concat([json, Uint8Array.of(END_OF_ENVELOPE), data]) : json;
}

/** The envelope (null when it is not JSON) and the bytes, a view into `frame` (not a copy). */
export function decodeFrame(frame: Uint8Array): { envelope: unknown; data: Uint8Array | undefined } {
  const end = frame.indexOf(END_OF_ENVELOPE);
  const json = Buffer.from(frame.buffer, frame.byteOffset, end === -1 ? frame.byteLength : end).toString('utf8');
  // A plain Uint8Array, not a Buffer: Buffer's `slice` shares memory where Uint8Array's copies.
  const data = end === -1 ? undefined : new Uint8Array(frame.buffer, frame.byteOffset + end + 1, frame.byteLength - end - 1);
  return { envelope: jsonOrNull(json), data };
}

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
