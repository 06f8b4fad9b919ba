// The public surface of @vpixmix/models. Everything another package may import is exported here.
export {};
