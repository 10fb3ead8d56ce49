import type { z } from 'zod';

/**
 * One HTTP endpoint, described once: the server builds its OpenAPI route and
 * validation from it, the client builds its typed call from it.
 */
export interface Endpoint<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI style: `/api/users/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it, for the documentation; the server decides. */
  access: 'public' | 'signed-in' | 'ministry' | string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Status of a successful answer (default 200). */
  status?: 200 | 201;
}

export const endpoint = <
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(
  e: Endpoint<P, Q, B, R>,
): Endpoint<P, Q, B, R> => e;

type In<S> = S extends z.ZodType ? z.input<S> : never;
type OptionalKeys<T> = { [K in keyof T as T[K] extends never ? never : K]: T[K] };

/** The argument a client passes to call an endpoint. */
export type CallInput<E> =
  E extends Endpoint<infer P, infer Q, infer B, z.ZodType>
    ? OptionalKeys<{ params: In<P>; query: In<Q>; body: In<B> }>
    : never;

/** What a successful call returns. */
export type CallOutput<E> = E extends Endpoint<infer _P, infer _Q, infer _B, infer R> ? z.output<R> : never;
