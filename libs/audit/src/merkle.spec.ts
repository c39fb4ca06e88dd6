import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { MerkleAccumulator } from './merkle.js';

/** RFC 6962 section 2.1, written as the RFC states it (recursive, all leaves in memory). */
function referenceRoot(leaves: readonly string[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return MerkleAccumulator.leafHash(leaves[0]!);
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return MerkleAccumulator.nodeHash(referenceRoot(leaves.slice(0, split)), referenceRoot(leaves.slice(split)));
}

describe('the streaming Merkle root of digests', () => {
  it.each(Array.from({ length: 34 }, (_, n) => n))('equals the RFC 6962 tree hash for %i leaves', (n) => {
    const leaves = Array.from({ length: n }, (_, i) => `${i + 1} leaf-${i}`);
    const tree = new MerkleAccumulator();
    for (const leaf of leaves) tree.add(leaf);
    expect(tree.root()).toBe(referenceRoot(leaves).toString('hex'));
    expect(tree.size).toBe(n);
  });
});
