import { type BackendRequest, backendRequests } from './init-backend';

/** The environment variable that sets the backend when no `--backend` flag is given. */
export const backendEnvVar = 'VPIXMIX_BACKEND';

/** VPIXMIX_BACKEND holds something that is not a backend. */
export class BackendEnvError extends Error {
  override name = 'BackendEnvError';
}

/**
 * The backend VPIXMIX_BACKEND asks for, or undefined when it is unset or empty. Throws
 * BackendEnvError, naming the variable and the choices, for any other value.
 */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendRequest | undefined {
  const raw = env[backendEnvVar]?.trim();
  if (!raw) return undefined;
  const value = raw.toLowerCase();
  if (!(backendRequests as readonly string[]).includes(value)) {
    throw new BackendEnvError(`${backendEnvVar}='${raw}' is not a backend; set it to one of ${backendRequests.join(', ')}, or unset it.`);
  }
  return value as BackendRequest;
}

/** Which backend to start and what decided it: the command-line flag, then VPIXMIX_BACKEND, then the default (e.g. the recipe's). */
export interface ResolvedBackendRequest {
  request: BackendRequest;
  source: 'flag' | 'env' | 'default';
}

/** Precedence: an explicit `--backend` flag > VPIXMIX_BACKEND > `fallback` (the recipe's or the command's default). */
export function resolveBackendRequest(
  flag: BackendRequest | undefined,
  fallback: BackendRequest,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedBackendRequest {
  if (flag !== undefined) return { request: flag, source: 'flag' };
  const fromEnv = backendFromEnv(env);
  if (fromEnv !== undefined) return { request: fromEnv, source: 'env' };
  return { request: fallback, source: 'default' };
}
