import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'keten:public';

/** Marks a resolver as answerable without a token (only harmless server facts qualify). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
