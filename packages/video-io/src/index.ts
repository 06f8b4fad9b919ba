// The public surface of @vpixmix/video-io. Everything another package may import is exported here.
export {};
