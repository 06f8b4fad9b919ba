// The public surface of @vpixmix/mixing-sets. Everything another package may import is exported here.
export {};
