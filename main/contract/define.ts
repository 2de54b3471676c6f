import type { z } from 'zod';

/**
 * A contract method: a runtime schema for its input (validated by the dispatcher before any
 * service code runs) and a phantom type for its output.
 */
export interface MethodSpec<S extends z.ZodType, O> {
  readonly input: S;
  /** Type-only marker; never read at run time. */
  readonly __output?: O;
}

export function method<S extends z.ZodType>(input: S) {
  return {
    returns<O>(): MethodSpec<S, O> {
      return { input };
    },
  };
}

export type AnyMethod = MethodSpec<z.ZodType, unknown>;
export type ServiceSpec = Record<string, AnyMethod>;
export type ContractSpec = Record<string, ServiceSpec>;

export type InputOf<M> = M extends MethodSpec<infer S, unknown> ? z.input<S> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer S, unknown> ? z.output<S> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;

/** What the renderer calls: input optional where the schema accepts undefined. */
export type ClientOf<C extends ContractSpec> = {
  [S in keyof C]: {
    [M in keyof C[S]]: undefined extends InputOf<C[S][M]>
      ? (input?: InputOf<C[S][M]>) => Promise<OutputOf<C[S][M]>>
      : (input: InputOf<C[S][M]>) => Promise<OutputOf<C[S][M]>>;
  };
};

/** What core implements: already-validated input, plain or async output. */
export type ImplementationOf<C extends ContractSpec> = {
  [S in keyof C]: {
    [M in keyof C[S]]: (input: ParsedInputOf<C[S][M]>) => Promise<OutputOf<C[S][M]>> | OutputOf<C[S][M]>;
  };
};

export function channelName(service: string, methodName: string): string {
  return `${service}:${methodName}`;
}

export function channelsOf(contract: ContractSpec): string[] {
  return Object.entries(contract).flatMap(([service, methods]) =>
    Object.keys(methods).map((m) => channelName(service, m)),
  );
}
