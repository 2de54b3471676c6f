import type Database from 'better-sqlite3';
import { projectCodeText } from '../../workspace-rounds/project-code-text.js';
import type { Migration } from './types.js';

/**
 * History search over bug-bash and integration work: each project snapshot keeps its files as
 * plain text (code_text, see project-code-text.ts) for an external-content FTS5 index, like the
 * coding snapshots (004). Snapshots written before this version get their text here.
 */
export const projectSearch: Migration = {
  version: 7,
  name: 'project-search',
  up: (db: Database.Database) => {
    db.exec(`
      ALTER TABLE project_snapshots ADD COLUMN code_text TEXT NOT NULL DEFAULT '';
      CREATE VIRTUAL TABLE project_snapshots_fts USING fts5(
        code_text,
        content = 'project_snapshots', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER project_snapshots_fts_insert AFTER INSERT ON project_snapshots BEGIN
        INSERT INTO project_snapshots_fts (rowid, code_text) VALUES (new.id, new.code_text);
      END;
      CREATE TRIGGER project_snapshots_fts_delete AFTER DELETE ON project_snapshots BEGIN
        INSERT INTO project_snapshots_fts (project_snapshots_fts, rowid, code_text) VALUES ('delete', old.id, old.code_text);
      END;
      CREATE VIRTUAL TABLE project_snapshots_fts_vocab USING fts5vocab (project_snapshots_fts, row);
    `);
    const rows = db.prepare('SELECT id, files_json FROM project_snapshots').all() as {
      id: number;
      files_json: string;
    }[];
    const update = db.prepare('UPDATE project_snapshots SET code_text = ? WHERE id = ?');
    for (const row of rows) {
      let files: Record<string, string> = {};
      try {
        files = JSON.parse(row.files_json) as Record<string, string>;
      } catch {
        // An unreadable snapshot stays unsearchable; the review reports it as it is.
      }
      update.run(projectCodeText(files), row.id);
    }
    db.exec("INSERT INTO project_snapshots_fts (project_snapshots_fts) VALUES ('rebuild')");
  },
};
