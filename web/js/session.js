// Who is signed in: the token's principal from GET /api/v1/session, kept beside the token in
// sessionStorage for this tab. Roles and what each may do are the API's (docs/architecture.md);
// `can` only decides what the pages offer, the API still refuses what a role may not do.
import { get, setToken, token } from './api.js';

const PRINCIPAL_KEY = 'itaku.principal';

export function principal() {
  if (!token()) return null;
  try {
    return JSON.parse(sessionStorage.getItem(PRINCIPAL_KEY) || 'null');
  } catch {
    return null;
  }
}

export async function signIn(value) {
  setToken(value);
  try {
    const who = await get('/session', { signingIn: true });
    sessionStorage.setItem(PRINCIPAL_KEY, JSON.stringify(who));
    return who;
  } catch (error) {
    setToken('');
    throw error;
  }
}

export function signOut() {
  setToken('');
  try {
    sessionStorage.removeItem(PRINCIPAL_KEY);
  } catch {
    // nothing kept
  }
}

// What each role is offered (the API's role rules, docs/architecture.md "Roles").
const OFFERS = {
  dashboard: ['admin', 'officer', 'procurement', 'channel_owner', 'auditor'],
  engagements: ['admin', 'officer', 'procurement', 'auditor'],
  channels: ['admin', 'officer', 'channel_owner', 'auditor'],
  vendors: ['admin', 'officer', 'procurement', 'auditor'],
  vet: ['admin', 'officer', 'procurement'],
  registerChannel: ['admin', 'officer', 'channel_owner'],
  recordVerification: ['admin', 'officer', 'procurement', 'channel_owner'],
  voidVerification: ['admin', 'officer'],
  editClauses: ['admin', 'officer', 'procurement'],
  persons: ['admin', 'officer'],
  audit: ['admin', 'auditor'],
};

export function can(what, who = principal()) {
  return Boolean(who && OFFERS[what]?.includes(who.role));
}
