import type { AppError } from '../result';

/** Every state-changing event is answered `{ ok: true, ... }` or `{ ok: false, error }`. */
export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: AppError };
export type AckFn<T = object> = (answer: Ack<T>) => void;
