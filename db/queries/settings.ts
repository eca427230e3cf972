// Small app-level facts kept between launches (app_settings), stored as JSON text.
import type { Db } from '../index';

export function getSetting<T>(db: Db, key: string, fallback: T): T {
  const raw = db.prepare('SELECT value FROM app_settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (raw === undefined) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback; // a hand-edited or older value: start again rather than fail to open
  }
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
