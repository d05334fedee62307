import { useEffect, useState } from 'react';

/** The console's few routes, kept in the address bar (history API); the api serves index.html for each. */
export type Route =
  | { name: 'activations' }
  | { name: 'activation'; id: string }
  | { name: 'inbox' }
  | { name: 'myCases' }
  | { name: 'explorer' }
  | { name: 'region' }
  | { name: 'statistics' }
  | { name: 'agreements' }
  | { name: 'agreement'; id: string }
  | { name: 'proposeAgreement' }
  | { name: 'register' }
  | { name: 'accessLog' }
  | { name: 'erasures' }
  | { name: 'callback' }
  | { name: 'notFound' };

export function parseRoute(path: string): Route {
  if (path === '/' || path === '/activaties') return { name: 'activations' };
  if (path === '/auth/callback') return { name: 'callback' };
  if (path === '/explorer') return { name: 'explorer' };
  if (path === '/regio') return { name: 'region' };
  if (path === '/cijfers') return { name: 'statistics' };
  if (path === '/overeenkomsten') return { name: 'agreements' };
  if (path === '/overeenkomsten/nieuw') return { name: 'proposeAgreement' };
  if (path === '/verwerkingsregister') return { name: 'register' };
  if (path === '/inzage') return { name: 'accessLog' };
  if (path === '/wissen') return { name: 'erasures' };
  const agreement = /^\/overeenkomsten\/([^/]+)$/.exec(path);
  if (agreement) return { name: 'agreement', id: decodeURIComponent(agreement[1]!) };
  if (path === '/inbox') return { name: 'inbox' };
  if (path === '/mijn-zaken') return { name: 'myCases' };
  const activation = /^\/activaties\/([^/]+)$/.exec(path);
  if (activation) return { name: 'activation', id: decodeURIComponent(activation[1]!) };
  return { name: 'notFound' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'activation':
      return `/activaties/${encodeURIComponent(route.id)}`;
    case 'explorer':
      return '/explorer';
    case 'region':
      return '/regio';
    case 'statistics':
      return '/cijfers';
    case 'agreements':
      return '/overeenkomsten';
    case 'agreement':
      return `/overeenkomsten/${encodeURIComponent(route.id)}`;
    case 'proposeAgreement':
      return '/overeenkomsten/nieuw';
    case 'register':
      return '/verwerkingsregister';
    case 'accessLog':
      return '/inzage';
    case 'erasures':
      return '/wissen';
    case 'inbox':
      return '/inbox';
    case 'myCases':
      return '/mijn-zaken';
    default:
      return '/';
  }
}

const changes = new EventTarget();
/** Set by a navigation within the console: the new screen's heading takes the focus. */
export const navigation = { moved: false };

export function navigate(href: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  navigation.moved = true;
  changes.dispatchEvent(new Event('change'));
}

export function useRoute(): Route {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    changes.addEventListener('change', update);
    return () => {
      window.removeEventListener('popstate', update);
      changes.removeEventListener('change', update);
    };
  }, []);
  return parseRoute(path);
}
