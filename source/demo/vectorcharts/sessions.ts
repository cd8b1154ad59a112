/** Portal auth: `POST /auth/login` issues session tokens; every other path needs the API token or a live session. */
import { bearerToken, randomHex, type DemoRequest, type DemoResponse } from '../kit.js';
import {
  MAX_SESSIONS,
  VECTORCHARTS_DEMO_API_TOKEN,
  VECTORCHARTS_DEMO_PASSWORD,
  VECTORCHARTS_DEMO_USERNAME,
  VECTORCHARTS_ERRORS,
} from './constants.js';
import { fail, parseJson } from './responses.js';

/** The session tokens the simulator has issued. */
export interface PortalSessions {
  /** Answers `POST /api/portal/v1/auth/login`. */
  login(request: DemoRequest): DemoResponse;
  /** Answers `POST /api/portal/v1/auth/logout`: the Bearer session token stops working. */
  logout(request: DemoRequest): DemoResponse;
  /** Session tokens currently live (test hook: a client that logs in must log out). */
  live(): number;
  /** The 401 reply for a request without an accepted Bearer token, else null. */
  authorize(request: DemoRequest): DemoResponse | null;
  /** Forgets every session token, as a logout or server restart would. */
  revoke(): void;
}

/** Creates the session store; `tokenRandom` is its own stream, so logins never shift the job plans. */
export function createPortalSessions(tokenRandom: () => number): PortalSessions {
  const sessions = new Set<string>();
  return {
    login(request) {
      const body = parseJson(request.body);
      if (body === undefined) return fail(400, VECTORCHARTS_ERRORS.invalidJson);
      const { username, password } = (body ?? {}) as Record<string, unknown>;
      if (typeof username !== 'string' || typeof password !== 'string' || username === '')
        return fail(400, VECTORCHARTS_ERRORS.loginBody);
      if (username !== VECTORCHARTS_DEMO_USERNAME || password !== VECTORCHARTS_DEMO_PASSWORD)
        return fail(401, VECTORCHARTS_ERRORS.badCredentials);
      const token = randomHex(tokenRandom, 48);
      sessions.add(token);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value as string);
      return {
        status: 200,
        json: {
          token: { id: token, userId: 1 },
          user: {
            userId: 1,
            username,
            isAdmin: true,
            isAccountOwner: true,
            account: { id: 1, name: 'Harbor Survey Co.' },
          },
        },
      };
    },
    logout(request) {
      const token = bearerToken(request.headers);
      if (token === null || token === '') return fail(401, VECTORCHARTS_ERRORS.missingToken);
      if (!sessions.delete(token)) return fail(401, VECTORCHARTS_ERRORS.invalidToken);
      return { status: 200, json: { success: true } };
    },
    live: () => sessions.size,
    authorize(request) {
      const token = bearerToken(request.headers);
      if (token === null || token === '') return fail(401, VECTORCHARTS_ERRORS.missingToken);
      if (token !== VECTORCHARTS_DEMO_API_TOKEN && !sessions.has(token))
        return fail(401, VECTORCHARTS_ERRORS.invalidToken);
      return null;
    },
    revoke: () => sessions.clear(),
  };
}
