// The public surface of @vpixmix/metrics. Everything another package may import is exported here.
export {};
