export * from './municipal-network';
export * from './segment-network';
export * from './mirroring';
export * from './tenant-proxy';
export * from './guard';
export * from './security-cloud';
