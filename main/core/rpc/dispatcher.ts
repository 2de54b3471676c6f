/**
 * Turns the contract plus its implementation into one function: channel + raw input in,
 * Result out. Both transports call this, so validation and error mapping live in one place.
 */
import type { ContractSpec, ImplementationOf } from '../../contract/define.js';
import { AppError, type Result } from '../../contract/result.js';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Called with unexpected (non-AppError) failures; they reach the UI only as INTERNAL. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
}

export function createDispatcher<C extends ContractSpec>(
  contract: C,
  services: ImplementationOf<C>,
  options: DispatcherOptions = {},
): Dispatch {
  const table = new Map<string, { parse: (input: unknown) => unknown; run: (input: unknown) => unknown }>();
  for (const [serviceName, methods] of Object.entries(contract)) {
    const impl = (services as Record<string, Record<string, (input: unknown) => unknown>>)[serviceName];
    for (const [methodName, spec] of Object.entries(methods)) {
      const fn = impl?.[methodName];
      if (typeof fn !== 'function') throw new Error(`No implementation for ${serviceName}:${methodName}`);
      table.set(`${serviceName}:${methodName}`, {
        parse: (input) => {
          const parsed = spec.input.safeParse(input);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
            throw new AppError(
              'VALIDATION',
              `Invalid input for ${serviceName}.${methodName}${where}: ${issue?.message ?? 'bad value'}`,
            );
          }
          return parsed.data;
        },
        run: (input) => fn.call(impl, input),
      });
    }
  }

  return async (channel, input) => {
    const entry = table.get(channel);
    if (!entry) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method "${String(channel)}".` } };
    }
    try {
      const value = await entry.run(entry.parse(input));
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toInfo() };
      options.onUnexpectedError?.(channel, error);
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `Something went wrong in ${channel}: ${error instanceof Error ? error.message : String(error)}. Try again; if it keeps happening, restart the app.`,
        },
      };
    }
  };
}
