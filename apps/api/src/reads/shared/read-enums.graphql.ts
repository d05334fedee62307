import { registerEnumType } from '@nestjs/graphql';
import { Role } from '#domain';
import { ProcessingPurpose } from '../../access-log/index.js';
// The case vocabulary (kind, status, theme, category...) is registered once, by the write side.
import '../../activations/index.js';

registerEnumType(Role, { name: 'Role' });
registerEnumType(ProcessingPurpose, {
  name: 'ProcessingPurpose',
  description: 'The processing activity a read served, as sent in the x-purpose request header.',
});
