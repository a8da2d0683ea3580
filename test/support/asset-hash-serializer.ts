/**
 * Jest snapshot serializer that masks CDK asset hashes (64 hex characters, alone or inside an
 * S3 key / image tag), so that a snapshot changes when the template changes, not when a bundled
 * asset's bytes or the toolchain do.
 */
const ASSET_HASH = /[0-9a-f]{64}/g;

module.exports = {
  test(value: unknown): boolean {
    return typeof value === 'string' && ASSET_HASH.test(value) && (ASSET_HASH.lastIndex = 0) === 0;
  },
  serialize(value: string): string {
    return JSON.stringify(value.replace(ASSET_HASH, '[ASSET_HASH]'));
  },
};
