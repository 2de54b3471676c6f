import Database from 'better-sqlite3';
const db = new Database(':memory:');
db.exec(`CREATE TABLE w (id INTEGER PRIMARY KEY, session_id TEXT, code_text TEXT NOT NULL);
CREATE VIRTUAL TABLE f USING fts5(code_text, content='w', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER ti AFTER INSERT ON w BEGIN INSERT INTO f (rowid, code_text) VALUES (new.id, new.code_text); END;`);
db.prepare('INSERT INTO w (session_id, code_text) VALUES (?, ?)').run('s', 'const quirkyName = 1');
console.log(db.prepare(`SELECT w.session_id, snippet(f, 0, '[', ']', '…', 16) AS snip FROM f JOIN w ON w.id = f.rowid WHERE f MATCH ? ORDER BY f.rowid DESC LIMIT ?`).all('"quirkyName"', 31));
