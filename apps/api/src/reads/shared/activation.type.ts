import { StrongestMeasure } from './strongest-measure.js';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  ActivationKind,
  ActivationStatus,
  ActivationTrigger,
  DataCategory,
  InterventionType,
  Theme,
} from '#domain';

/*
 * The activation as one agency's list shows it. Parts the agency's agreements do not cover are null and
 * their categories listed in `withheld`; every part may therefore be null.
 */

@ObjectType('Location')
export class LocationView {
  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  postcode!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;
}

@ObjectType('Company')
export class CompanyView {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Chamber of Commerce (KvK) number.' })
  kvkNumber!: string | null;
}

@ObjectType('Employer')
export class EmployerView extends CompanyView {
  @Field(() => CompanyView, {
    nullable: true,
    description: 'The staffing agency the workers are hired through.',
  })
  staffingAgency!: CompanyView | null;
}

@ObjectType('Activation')
export class ActivationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The human case number, such as VR17-2026-0042 (region, year, number), to say on the phone and to ' +
      'search by; every activation has one (older ones were numbered on upgrade).',
  })
  caseNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "What the case is about. Free text with its author's categories: null (and those listed in withheld) " +
      'when your agency may not read all of them.',
  })
  title!: string | null;

  @Field(() => ActivationKind)
  kind!: ActivationKind;

  @Field(() => ActivationTrigger)
  trigger!: ActivationTrigger;

  @Field(() => [Theme])
  themes!: Theme[];

  @Field({ description: 'Safety region VR01..VR25.' })
  region!: string;

  @Field({ description: 'CBS municipality code.' })
  municipality!: string;

  @Field(() => ActivationStatus)
  status!: ActivationStatus;

  @Field()
  leadAgency!: string;

  @Field(() => [String])
  participants!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the agencies act jointly; null while undecided.',
  })
  integratedDeployment!: boolean | null;

  @Field(() => StrongestMeasure, {
    description:
      'The strongest measure imposed so far (closure weighs most); NONE when none, NOT_VISIBLE when your agency may not see measures.',
  })
  strongestMeasure!: StrongestMeasure;

  @Field(() => InterventionType, {
    nullable: true,
    deprecationReason:
      'Use strongestMeasure: outcome is null both when nothing was imposed and when your agency may not see measures.',
  })
  outcome!: InterventionType | null;

  @Field(() => LocationView, { nullable: true, description: 'Null when absent or withheld (LOCATION).' })
  location!: LocationView | null;

  @Field(() => EmployerView, { nullable: true, description: 'Null when absent or withheld (EMPLOYER).' })
  employer!: EmployerView | null;

  @Field(() => [DataCategory], {
    description: 'Categories of data this activation holds that your agency may not see.',
  })
  withheld!: DataCategory[];

  @Field({
    description:
      'Its version: an opaque token that changes whenever the activation does (for expectedVersion); it ' +
      'says nothing of how much happened.',
  })
  version!: string;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field()
  updatedAt!: Date;

  @Field({
    description:
      'Whether its location, employer or region was corrected (AVG art. 16); the timeline holds the ' +
      'correction events with their reasons, and the original stays in the event store.',
  })
  corrected!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was last corrected; null when never.' })
  correctedAt!: Date | null;
}
