export * from './segment';
export * from './network-model';
export * from './port';
export * from './flows';
export * from './cloud-service';
export * from './blueprint';
export * from './cidr';
export * from './defaults';
