import { createHash } from 'node:crypto';

/**
 * RFC 6962 (Certificate Transparency) Merkle tree hash, computed in one pass: leaves are
 * SHA-256(0x00 || leaf), nodes SHA-256(0x01 || left || right), an empty tree SHA-256("").
 * Memory: one root per set bit of the leaf count (a stack of perfect subtrees).
 */
export class MerkleAccumulator {
  private readonly stack: { readonly size: number; readonly hash: Buffer }[] = [];
  private count = 0;

  static leafHash(leaf: string): Buffer {
    return createHash('sha256').update(Buffer.from([0])).update(leaf, 'utf8').digest();
  }

  static nodeHash(left: Buffer, right: Buffer): Buffer {
    return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
  }

  get size(): number {
    return this.count;
  }

  add(leaf: string): void {
    let node = { size: 1, hash: MerkleAccumulator.leafHash(leaf) };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: MerkleAccumulator.nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** Hex root. Folding the perfect subtrees from the right gives RFC 6962's split at the largest power of two. */
  root(): string {
    if (this.stack.length === 0) return createHash('sha256').digest('hex');
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = MerkleAccumulator.nodeHash(this.stack[i]!.hash, hash);
    return hash.toString('hex');
  }
}
