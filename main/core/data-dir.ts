import path from 'node:path';

/** Where everything lives inside the data folder. One place, so no path is spelled twice. */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    userRoles: path.join(dataDir, 'roles'),
    models: path.join(dataDir, 'models'),
    sessions: path.join(dataDir, 'sessions'),
    /** The runner's temporary workspaces (removed after each run, swept at start). */
    runner: path.join(dataDir, 'runner'),
    /** Reference-check results per role-pack file (SHA-256). */
    referenceChecks: path.join(dataDir, 'reference-checks.json'),
  };
}

export type DataPaths = ReturnType<typeof dataPaths>;
