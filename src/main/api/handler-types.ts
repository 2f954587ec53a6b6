/** Handler typing: one function per contract entry, from parsed input to output. */
import type { Method, Output, ParsedInput } from '../../shared/api/contract';

export type Handler<M extends Method> = (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;

/** A domain's handlers: exactly the methods named in K. */
export type HandlerGroup<K extends Method> = { [M in K]: Handler<M> };

export type Handlers = HandlerGroup<Method>;
