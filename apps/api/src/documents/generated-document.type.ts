import { createHash } from 'node:crypto';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A document keten made for you: its bytes in base64, and how to save it.' })
export class GeneratedDocument {
  @Field({ description: 'A file name to save it under, e.g. procesverslag-demo-vr17-kas.pdf.' })
  fileName!: string;

  @Field({ description: 'application/pdf or text/html; charset=utf-8.' })
  contentType!: string;

  @Field(() => Int)
  byteLength!: number;

  @Field({ description: 'SHA-256 of the bytes, hex.' })
  sha256!: string;

  @Field({ description: 'The bytes, base64: `jq -r .data.processReport.base64 | base64 -d > file`.' })
  base64!: string;
}

/** The answer for a document's bytes. */
export function generatedDocument(fileName: string, contentType: string, bytes: Buffer): GeneratedDocument {
  return {
    fileName,
    contentType,
    byteLength: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    base64: bytes.toString('base64'),
  };
}
