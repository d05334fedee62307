import { Bsn } from '../shared/bsn.value.js';
import { Raw } from '../shared/raw.js';
import { ErasureGround } from './erasure.events.js';

interface OnErasure {
  readonly erasureId: string;
}

/** Erase a person by BSN (every case), or one subject of one activation by its subject id. */
export type ErasureSubject =
  { readonly bsn: Bsn } | { readonly activationId: string; readonly subjectId: string };

export interface RequestErasure extends OnErasure {
  readonly type: 'RequestErasure';
  readonly subject: ErasureSubject;
  readonly ground: ErasureGround;
  readonly reason: string;
}

export interface ApproveErasure extends OnErasure {
  readonly type: 'ApproveErasure';
  readonly reason: string;
}

export interface RejectErasure extends OnErasure {
  readonly type: 'RejectErasure';
  readonly reason: string;
}

export type ErasureCommand = RequestErasure | ApproveErasure | RejectErasure;
export type ErasureCommandType = ErasureCommand['type'];
export type RawErasureCommand = Raw<ErasureCommand>;
