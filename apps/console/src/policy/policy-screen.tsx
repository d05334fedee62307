import type { Route } from '../app/router';
import type { Session } from '../session/auth';
import { AgreementDetail } from './AgreementDetail';
import { AgreementList } from './AgreementList';
import { ProcessingRegister } from './ProcessingRegister';
import { ProposeAgreement } from './ProposeAgreement';

type PolicyRoute = Extract<Route, { name: 'agreements' | 'agreement' | 'proposeAgreement' | 'register' }>;

export function isPolicyRoute(route: Route): route is PolicyRoute {
  return ['agreements', 'agreement', 'proposeAgreement', 'register'].includes(route.name);
}

/** The policy admin's screens: agreements, one agreement, a new proposal, the register. */
export function PolicyScreen({ route, session }: { route: PolicyRoute; session: Session }) {
  switch (route.name) {
    case 'agreement':
      return <AgreementDetail key={route.id} id={route.id} session={session} />;
    case 'proposeAgreement':
      return <ProposeAgreement session={session} />;
    case 'register':
      return <ProcessingRegister />;
    default:
      return <AgreementList />;
  }
}
