import { sessionCookieName, type CookieJar } from '@cachefleet/api';

function cookie(value: string, attributes: string[], secure: boolean): string {
  const base = [`${sessionCookieName}=${value}`, 'HttpOnly', 'SameSite=Lax', 'Path=/'];
  return [...base, ...attributes, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Lets procedures set or clear the session by appending Set-Cookie to the response. */
export function createCookieJar(resHeaders: Headers, secure: boolean): CookieJar {
  return {
    setSession(token, expiresAt) {
      resHeaders.append(
        'Set-Cookie',
        cookie(encodeURIComponent(token), [`Expires=${expiresAt.toUTCString()}`], secure),
      );
    },
    clearSession() {
      resHeaders.append('Set-Cookie', cookie('', ['Max-Age=0'], secure));
    },
  };
}
