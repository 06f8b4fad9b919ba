// The public surface of @vpixmix/datasets. Everything another package may import is exported here.
export {};
