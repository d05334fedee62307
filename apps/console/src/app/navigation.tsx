import { FormattedMessage, useIntl } from 'react-intl';
import type { Session } from '../session/auth';
import { hrefOf, navigate, type Route } from './router';

/**
 * The main menu: the screens of the signed-in person's role, each a link (the api decides what each may
 * do; the menu only leaves out what the role has no use for). One entry per screen: its route and the
 * message id of its name.
 */
interface MenuEntry {
  readonly route: Route;
  readonly label: string;
  readonly roles: readonly string[];
}

const CASE_WORKERS = ['INSPECTOR', 'COORDINATOR'];

const MENU: readonly MenuEntry[] = [
  { route: { name: 'activations' }, label: 'nav.activations', roles: CASE_WORKERS },
  { route: { name: 'region' }, label: 'nav.region', roles: ['COORDINATOR'] },
  { route: { name: 'statistics' }, label: 'nav.statistics', roles: ['COORDINATOR', 'NATIONAL_COORDINATOR'] },
  { route: { name: 'agreements' }, label: 'nav.agreements', roles: ['POLICY_ADMIN'] },
  { route: { name: 'proposeAgreement' }, label: 'nav.proposeAgreement', roles: ['POLICY_ADMIN'] },
  { route: { name: 'register' }, label: 'nav.register', roles: ['POLICY_ADMIN'] },
  { route: { name: 'accessLog' }, label: 'nav.accessLog', roles: ['PRIVACY_OFFICER'] },
  { route: { name: 'erasures' }, label: 'nav.erasures', roles: ['PRIVACY_OFFICER'] },
  { route: { name: 'myCases' }, label: 'nav.myCases', roles: CASE_WORKERS },
  { route: { name: 'inbox' }, label: 'nav.inbox', roles: CASE_WORKERS },
];

export function menuOf(role: string): readonly MenuEntry[] {
  return MENU.filter((entry) => entry.roles.includes(role));
}

export function Navigation({ session, current }: { session: Session; current: Route }) {
  const intl = useIntl();
  const entries = menuOf(session.role);
  if (entries.length < 2) return null;
  return (
    <nav className="keten-nav" aria-label={intl.formatMessage({ id: 'nav.main' })}>
      <ul className="keten-nav__list">
        {entries.map((entry) => {
          const href = hrefOf(entry.route);
          return (
            <li key={href}>
              <a
                className="utrecht-link keten-nav__link"
                href={href}
                aria-current={current.name === entry.route.name ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(href);
                }}
              >
                <FormattedMessage id={entry.label} />
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
