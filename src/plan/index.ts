export * from './network-plan';
export * from './plan';
