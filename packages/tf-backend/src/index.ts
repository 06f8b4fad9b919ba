// The public surface of @vpixmix/tf-backend. Everything another package may import is exported here.
export {};
