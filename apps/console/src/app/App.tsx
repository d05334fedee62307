import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ActivationDetail } from '../activations/ActivationDetail';
import { ActivationList } from '../activations/ActivationList';
import { RegionActivations } from '../coordination/RegionActivations';
import { StatisticsScreen } from '../statistics/StatisticsScreen';
import { MyCases } from '../activations/MyCases';
import { Inbox } from '../inbox/Inbox';
import { FieldModeStatus } from '../field-mode/FieldModeStatus';
import {
  consoleConfig,
  completeSignIn,
  onSessionChange,
  session,
  signIn,
  signOut,
  type Session,
} from '../session/auth';
import { useLanguage } from '../i18n';
import { PageHeading } from '../shared/page-heading';
import { PolicyScreen, isPolicyRoute } from '../policy/policy-screen';
import { AccessLog } from '../privacy/AccessLog';
import { Erasures } from '../erasures/Erasures';
import { menuOf, Navigation } from './navigation';
import { navigate, useRoute } from './router';

const Explorer = lazy(() => import('../explorer/Explorer'));

/** The GraphQL explorer where the api offers it (development); elsewhere a page that says it is not there. */
function ExplorerScreen() {
  const [offered, setOffered] = useState<boolean>();
  useEffect(() => {
    void consoleConfig().then((config) => setOffered(config.explorer === true));
  }, []);
  const loading = (
    <p className="utrecht-paragraph" role="status">
      <FormattedMessage id="loading" />
    </p>
  );
  if (offered === undefined) return loading;
  return (
    <>
      <PageHeading>
        <FormattedMessage id="explorer.heading" />
      </PageHeading>
      {offered ? (
        <Suspense fallback={loading}>
          <Explorer />
        </Suspense>
      ) : (
        <p className="utrecht-paragraph">
          <FormattedMessage id="explorer.unavailable" />
        </p>
      )}
    </>
  );
}

function useSession(): Session | undefined {
  const [current, setCurrent] = useState(session);
  useEffect(() => onSessionChange(setCurrent), []);
  return current;
}

let callback: Promise<string> | undefined;

function Callback() {
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    // Once per page, even when React runs effects twice: the code can be exchanged only once.
    callback ??= completeSignIn();
    callback.then(
      (returnTo) => navigate(returnTo, true),
      (error: Error) => setFailure(error.message),
    );
  }, []);
  return (
    <>
      <PageHeading>
        <FormattedMessage id="callback.heading" />
      </PageHeading>
      {failure ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">
            <FormattedMessage id="signIn.failed" values={{ reason: failure }} />
          </p>
          <SignInButton />
        </div>
      ) : (
        <p className="utrecht-paragraph" role="status">
          <FormattedMessage id="signIn.busy" />
        </p>
      )}
    </>
  );
}

function SignInButton() {
  const [failure, setFailure] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="utrecht-button utrecht-button--primary-action"
        onClick={() =>
          signIn(window.location.pathname === '/auth/callback' ? '/' : window.location.pathname).catch(
            (error: Error) => setFailure(error.message),
          )
        }
      >
        <FormattedMessage id="signIn.button" />
      </button>
      {failure && (
        <p className="utrecht-form-field-error-message" role="alert">
          {failure === 'no-provider' ? (
            <FormattedMessage id="signIn.noProvider" />
          ) : (
            <FormattedMessage id="signIn.failed" values={{ reason: failure }} />
          )}
        </p>
      )}
    </>
  );
}

function SignIn() {
  return (
    <>
      <PageHeading>
        <FormattedMessage id="signIn.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="signIn.intro" />
      </p>
      <SignInButton />
    </>
  );
}

function Header({ current }: { current: Session | undefined }) {
  const intl = useIntl();
  const { language, setLanguage } = useLanguage();
  return (
    <header className="keten-header">
      <div className="keten-header__brand">
        <a
          className="utrecht-link keten-header__name"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          <FormattedMessage id="app.name" />
        </a>
        <span className="keten-header__tagline">
          <FormattedMessage id="app.tagline" />
        </span>
      </div>
      <div className="keten-header__tools">
        {current && (
          <span className="keten-header__who" data-testid="who">
            <FormattedMessage
              id="session.who"
              values={{
                name: current.name,
                agency: current.agency,
                role: intl.formatMessage({ id: `role.${current.role}`, defaultMessage: current.role }),
              }}
            />
          </span>
        )}
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          lang={language === 'nl' ? 'en' : 'nl'}
          onClick={() => setLanguage(language === 'nl' ? 'en' : 'nl')}
        >
          <FormattedMessage id="language.switch" />
        </button>
        {current && (
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => void signOut()}
          >
            <FormattedMessage id="signOut.button" />
          </button>
        )}
      </div>
    </header>
  );
}

export function App() {
  const path = useRoute();
  const current = useSession();
  // The start page (/) is the first screen of the role's menu: the activations, agreements or access log.
  const route = path.name === 'activations' && current ? (menuOf(current.role)[0]?.route ?? path) : path;
  let content: ReactNode;
  if (route.name === 'callback') content = <Callback />;
  else if (!current) content = <SignIn />;
  else if (route.name === 'explorer') content = <ExplorerScreen />;
  else if (isPolicyRoute(route)) content = <PolicyScreen route={route} session={current} />;
  else if (route.name === 'accessLog') content = <AccessLog />;
  else if (route.name === 'erasures') content = <Erasures />;
  else if (route.name === 'activation') content = <ActivationDetail key={route.id} id={route.id} />;
  else if (route.name === 'region') content = <RegionActivations />;
  // The national coordinating team reads figures only: its console opens on them.
  else if (route.name === 'statistics' || current.role === 'NATIONAL_COORDINATOR')
    content = <StatisticsScreen />;
  else if (route.name === 'inbox') content = <Inbox />;
  else if (route.name === 'myCases') content = <MyCases />;
  else content = <ActivationList />;
  return (
    <div className="utrecht-document keten-document">
      <a className="keten-skip-link utrecht-link" href="#main">
        <FormattedMessage id="nav.skip" />
      </a>
      <Header current={current} />
      {current && <Navigation session={current} current={route} />}
      <main id="main" className="keten-main">
        {current && <FieldModeStatus session={current} />}
        {content}
      </main>
    </div>
  );
}
