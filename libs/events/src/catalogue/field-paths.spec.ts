import { describe, expect, it } from '@jest/globals';
import { leavesOf } from './field-paths.js';

describe('leavesOf', () => {
  it('names nested fields and array elements by schema path, keeping where each sits', () => {
    expect(
      leavesOf({ a: 1, b: { c: 'x', d: [true, false] }, e: [{ f: null }], g: [], h: undefined }),
    ).toEqual([
      { path: 'a', location: ['a'], value: 1 },
      { path: 'b.c', location: ['b', 'c'], value: 'x' },
      { path: 'b.d[]', location: ['b', 'd', 0], value: true },
      { path: 'b.d[]', location: ['b', 'd', 1], value: false },
      { path: 'e[].f', location: ['e', 0, 'f'], value: null },
    ]);
  });
});
