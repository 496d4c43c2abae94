import type { Role } from '../shared';
import type { Credential } from './auth';

export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Bootstrap admin key (a secret; `.dev.vars` locally). */
  ADMIN_KEY?: string;
  /** Pepper mixed into every key hash (a secret). */
  KEY_PEPPER?: string;
  /** Extra origins allowed by CORS, comma-separated (the Worker's own origin always is). */
  ALLOWED_ORIGINS?: string;
}

/** Who is calling: a stored key, or the bootstrap admin key (unit null: every unit). */
export interface Principal {
  keyId: string;
  unit: string | null;
  role: Role;
}

export type Lang = 'vi' | 'en';

export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal; credential: Credential; lang: Lang };
}
