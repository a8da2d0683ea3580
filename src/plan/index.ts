export * from './endpoint-policy';
export * from './mail-relay';
export * from './network-plan';
export * from './plan';
export * from './proxy';
export * from './squid';
