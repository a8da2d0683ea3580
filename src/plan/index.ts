export * from './endpoint-policy';
export * from './network-plan';
export * from './plan';
export * from './proxy';
export * from './squid';
