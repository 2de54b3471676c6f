/**
 * Wraps a service so that chosen methods announce themselves once they have succeeded: the UI's
 * data layer refreshes from these events instead of polling or guessing what a call changed.
 */
type AnyMethod = (input: never) => unknown;

export function announceChanges<T extends { [K in keyof T]: AnyMethod }>(
  service: T,
  after: { [K in keyof T]?: (input: Parameters<T[K]>[0]) => void },
): T {
  const wrapped = { ...service };
  for (const key of Object.keys(after) as (keyof T)[]) {
    const original = service[key] as unknown as (input: unknown) => unknown;
    const announce = after[key] as (input: unknown) => void;
    wrapped[key] = (async (input: unknown) => {
      const result = await original(input);
      announce(input);
      return result;
    }) as unknown as T[typeof key];
  }
  return wrapped;
}
