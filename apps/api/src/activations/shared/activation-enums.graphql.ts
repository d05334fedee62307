import { registerEnumType } from '@nestjs/graphql';
import {
  ActivationKind,
  ActivationStatus,
  ActivationTrigger,
  DataCategory,
  InterventionType,
  SignalSourceKind,
  Theme,
} from '#domain';

// The domain's enums are the GraphQL enums: one vocabulary from the decider to the client.
registerEnumType(ActivationKind, { name: 'ActivationKind' });
registerEnumType(ActivationTrigger, { name: 'ActivationTrigger' });
registerEnumType(ActivationStatus, { name: 'ActivationStatus' });
registerEnumType(Theme, { name: 'Theme' });
registerEnumType(SignalSourceKind, { name: 'SignalSourceKind' });
registerEnumType(InterventionType, { name: 'InterventionType' });
registerEnumType(DataCategory, { name: 'DataCategory' });
