/**
 * A repeat of an action while it runs is the same action: it gets the same promise (a double
 * click on Run or Submit runs once). Keyed, so different actions run side by side.
 */
export function createSingleFlight(): <T>(key: string, run: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<unknown>>();
  return <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const started = run().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
