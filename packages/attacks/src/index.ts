// The public surface of @vpixmix/attacks. Everything another package may import is exported here.
export {};
