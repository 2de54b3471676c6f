import path from 'node:path';

/** Where everything lives inside the data folder. One place, so no path is spelled twice. */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    userRoles: path.join(dataDir, 'roles'),
    models: path.join(dataDir, 'models'),
    sessions: path.join(dataDir, 'sessions'),
  };
}

export type DataPaths = ReturnType<typeof dataPaths>;
