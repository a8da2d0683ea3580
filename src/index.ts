// The engine-neutral model is the top level; engines are jsii submodules.
export * from './model';
export * as cdk from './cdk';
export * as tf from './cdktf';
