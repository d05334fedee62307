import type { ReactNode } from 'react';
import { hrefOf, navigate, type Route } from '../app/router';

/** A link to a screen of the console: a real href (opens in a new tab too), followed without a reload. */
export function RouteLink({ route, children }: { route: Route; children: ReactNode }) {
  const href = hrefOf(route);
  return (
    <a
      className="utrecht-link"
      href={href}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
